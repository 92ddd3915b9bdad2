// A .tar writer (POSIX ustar, with a pax header for names that are long or not ASCII), small enough to
// read in one sitting. No zip library ships with the app, and tar is a simple format: each file is a
// 512-byte header then its bytes padded to 512; two zero blocks end the archive. Entries are produced
// one at a time, so an archive of many documents streams without being held in memory.

const BLOCK = 512;

function pad(data: Uint8Array): Uint8Array {
  const rest = data.length % BLOCK;
  return rest === 0 ? new Uint8Array(0) : new Uint8Array(BLOCK - rest);
}

/** An octal number field of `width` bytes: digits, then a NUL. */
function octal(header: Buffer, offset: number, width: number, value: number): void {
  header.write(value.toString(8).padStart(width - 1, "0"), offset, width - 1, "ascii");
  header[offset + width - 1] = 0;
}

function header(name: string, size: number, mtime: Date, type: "0" | "x"): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, "utf8");
  octal(h, 100, 8, 0o644); // mode
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000)));
  h.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  h.write(type, 156, 1, "ascii");
  h.write("ustar\u000000", 257, 8, "ascii"); // magic "ustar\0", version "00"
  h.write("tandem", 265, 32, "ascii"); // uname
  h.write("tandem", 297, 32, "ascii"); // gname
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8, "ascii");
  return h;
}

/** One pax record: "<length> <key>=<value>\n", where length counts the whole record, itself included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

/** The blocks of one file entry: [pax header + its data,] header, data, padding. */
export function tarEntry(name: string, data: Uint8Array, mtime = new Date()): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  // Readers take a ustar name as bytes; a pax "path" record says exactly which UTF-8 name is meant.
  const plain = /^[\x20-\x7e]*$/.test(name) && Buffer.byteLength(name) <= 100;
  if (!plain) {
    const pax = Buffer.from(paxRecord("path", name), "utf8");
    blocks.push(header("PaxHeader", pax.length, mtime, "x"), pax, pad(pax));
  }
  const fallback = plain ? name : asciiFallback(name);
  blocks.push(header(fallback, data.length, mtime, "0"), data, pad(data));
  return blocks;
}

/** For readers that ignore pax headers: the name with non-ASCII letters replaced, cut to 100 bytes. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_");
  if (ascii.length <= 100) return ascii;
  const dot = ascii.lastIndexOf(".");
  const ext = dot > 0 && ascii.length - dot <= 10 ? ascii.slice(dot) : "";
  return ascii.slice(0, 100 - ext.length) + ext;
}

/** The end of an archive: two zero blocks. */
export const TAR_END = new Uint8Array(BLOCK * 2);
