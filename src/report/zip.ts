// A ZIP file of a few named parts, as a .docx is: each part deflated by the runtime's
// CompressionStream (native code, no JavaScript inflater), with its CRC-32, then the central
// directory. No ZIP64, no encryption: a report's parts are a few hundred kilobytes.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  // TextEncoder's arrays are backed by a plain ArrayBuffer (never a shared one).
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

/** The parts, in order, as one ZIP archive (file names are UTF-8). */
export async function zipParts(parts: readonly { name: string; text: string }[]): Promise<ArrayBuffer> {
  const enc = new TextEncoder();
  const entries: Entry[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = enc.encode(part.text);
    const data = await deflateRaw(raw);
    const name = enc.encode(part.name);
    entries.push({ name, crc: crc32(raw), size: raw.length, data, offset });
    offset += 30 + name.length + data.length;
  }
  const central = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(offset + central + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  // Version 2.0, UTF-8 names (bit 11), deflate (8), a fixed time: 1980-01-01 00:00.
  const common = (e: Entry) => {
    u16(20);
    u16(0x0800);
    u16(8);
    u16(0);
    u16(0x21);
    u32(e.crc);
    u32(e.data.length);
    u32(e.size);
    u16(e.name.length);
    u16(0);
  };
  for (const e of entries) {
    u32(0x04034b50);
    common(e);
    bytes(e.name);
    bytes(e.data);
  }
  for (const e of entries) {
    u32(0x02014b50);
    u16(20); // made by: version 2.0
    common(e);
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(e.offset);
    bytes(e.name);
  }
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(central);
  u32(offset);
  u16(0);
  return out.buffer;
}
