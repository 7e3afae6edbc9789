// One entry point for every compiled form of a report, with its content type and, for files to
// download, a file name.
import type { Form } from '../../forms';
import { showableText, type Report } from '../../forms/model';
import { renderHtml } from './html';
import { renderJson } from './json';
import { reportTitle, type LayoutOptions } from './layout';
import { renderText } from './text';

export const FORMATS = ['html', 'text', 'json', 'docx'] as const;

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type Format = (typeof FORMATS)[number];

export interface Compiled {
  body: string | ArrayBuffer;
  headers: Record<string, string>;
}

const TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: DOCX_TYPE,
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** Content-Disposition for a download, with the Chinese title as the file name (RFC 6266). */
export function attachment(name: string): string {
  // encodeURIComponent throws on half a surrogate pair: a name is encoded without what cannot be shown.
  const shown = showableText(name);
  return `attachment; filename="report.${shown.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}

/** A report compiled with its own version of the format. */
export async function compileReport(
  form: Form,
  report: Report,
  format: Format,
  options: LayoutOptions = {},
): Promise<Compiled> {
  const headers: Record<string, string> = { 'Content-Type': TYPES[format] };
  switch (format) {
    case 'html':
      return { body: renderHtml(form, report, options), headers };
    case 'text':
      return { body: renderText(form, report, options), headers };
    case 'json':
      return { body: renderJson(form, report), headers };
    case 'docx':
      headers['Content-Disposition'] = attachment(`${reportTitle(form, report)}.docx`);
      // Loaded when a Word file is first asked for: the docx library's set-up is no part of the
      // webhook's start.
      const { renderDocx } = await import('./docx');
      return { body: await renderDocx(form, report, options), headers };
  }
}
