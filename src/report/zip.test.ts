// The ZIP writer behind the .docx: the standard CRC-32, and archives that the importer's reader (and
// so Word's) opens to the same parts, names and bytes, whatever the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unzip } from '../import/docx';
import { crc32, zipParts } from './zip';

const text = fc.string({
  unit: fc.constantFrom('a', '0', '<', '&', '\n', '年', '报', '𠀋', '，'),
  maxLength: 400,
});

describe('ZIP parts', () => {
  it('checksum with the standard CRC-32', () => {
    const enc = new TextEncoder();
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(enc.encode('年报'))).not.toBe(crc32(enc.encode('报年')));
  });

  it('read back as the same parts, in order, with their names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({ name: fc.constantFrom('a.xml', 'word/document.xml', '_rels/.rels', '[x].xml'), text }),
          {
            selector: (p) => p.name,
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (parts) => {
          const files = await unzip(await zipParts(parts));
          expect(files).not.toBeNull();
          expect([...files!.keys()]).toEqual(parts.map((p) => p.name));
          for (const p of parts) expect(new TextDecoder().decode(files!.get(p.name))).toBe(p.text);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keep each part’s CRC and sizes where a reader checks them', async () => {
    const zip = new Uint8Array(await zipParts([{ name: 'word/document.xml', text: '<w:p>年报</w:p>' }]));
    const view = new DataView(zip.buffer);
    const raw = new TextEncoder().encode('<w:p>年报</w:p>');
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(8); // deflated
    expect(view.getUint32(14, true)).toBe(crc32(raw));
    expect(view.getUint32(22, true)).toBe(raw.length);
    // The end record points at the central directory, which lists the one part.
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    expect(view.getUint16(end + 10, true)).toBe(1);
    const central = view.getUint32(end + 16, true);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    expect(view.getUint32(central + 16, true)).toBe(crc32(raw));
  });
});
