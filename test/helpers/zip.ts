// A ZIP archive made in a test (entries stored, not compressed), as Windows Explorer or a phone
// makes one: names in UTF-8 with the flag that says so, or in GB 18030 bytes without it.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** The name as text (stored as UTF-8, flagged), or as raw bytes (not flagged). */
  name: string | Uint8Array;
  data: Uint8Array | string;
}

export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  for (const e of entries) {
    const name = typeof e.name === 'string' ? new TextEncoder().encode(e.name) : e.name;
    const data = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data;
    const flags = typeof e.name === 'string' ? 0x800 : 0;
    const crc = crc32(data);
    const offset = local.length;
    u32(local, 0x04034b50);
    u16(local, 20);
    u16(local, flags);
    u16(local, 0);
    u32(local, 0);
    u32(local, crc);
    u32(local, data.length);
    u32(local, data.length);
    u16(local, name.length);
    u16(local, 0);
    local.push(...name, ...data);
    u32(central, 0x02014b50);
    u16(central, 20);
    u16(central, 20);
    u16(central, flags);
    u16(central, 0);
    u32(central, 0);
    u32(central, crc);
    u32(central, data.length);
    u32(central, data.length);
    u16(central, name.length);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, 0);
    u32(central, offset);
    central.push(...name);
  }
  const end: number[] = [];
  u32(end, 0x06054b50);
  u16(end, 0);
  u16(end, 0);
  u16(end, entries.length);
  u16(end, entries.length);
  u32(end, central.length);
  u32(end, local.length);
  u16(end, 0);
  return new Uint8Array([...local, ...central, ...end]);
}

/** Base64 text (a fixture of bytes) as bytes. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
}
