// The files inside a .docx (the importer's ZIP reader), as text.
import { unzip as readZip } from '../../src/import/docx';

export async function unzip(buffer: ArrayBuffer): Promise<Map<string, string>> {
  const files = await readZip(buffer);
  if (!files) throw new Error('not a zip file');
  return new Map([...files].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
}

/** The visible text of a WordprocessingML document, paragraph by paragraph. */
export function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}
