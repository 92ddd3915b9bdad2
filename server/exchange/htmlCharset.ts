// An HTML file's bytes as text, in the encoding the file says it is in: a byte order mark, else a
// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top (read the
// way a browser's prescan does). Undeclared or unknown: UTF-8, and when the bytes are not valid UTF-8,
// windows-1252 (what browsers assume of old Western pages; every byte means something in it).
const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/** How far in the declaration is looked for (browsers read 1024 bytes; long heads of old pages need more). */
const PRESCAN_BYTES = 8192;

const META = /<meta\b[^>]*>/gi;
const CHARSET = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

export type HtmlEncoding = { encoding: string; source: "bom" | "meta" | "utf-8" | "fallback" };

/** The encoding the bytes declare, or null. The bytes as Latin-1 keep ASCII markup readable in any ASCII-compatible encoding. */
function declaredInMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString("latin1");
  for (const [tag] of head.matchAll(META)) {
    const label = CHARSET.exec(tag)?.[1];
    if (label && supported(label)) {
      // A file read as ASCII cannot really be UTF-16 (a browser reads such a declaration as UTF-8 too).
      return /^utf-?16/i.test(label) ? "utf-8" : label.toLowerCase();
    }
  }
  return null;
}

function supported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

export function detectHtmlEncoding(bytes: Uint8Array): HtmlEncoding {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) return { encoding: bom.encoding, source: "bom" };
  const declared = declaredInMeta(bytes);
  if (declared) return { encoding: declared, source: "meta" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { encoding: "utf-8", source: "utf-8" };
  } catch {
    return { encoding: "windows-1252", source: "fallback" };
  }
}

/**
 * windows-1252's 0x80–0x9F (€, curly quotes, dashes…); undefined ones stay as their C1 code. Spelled
 * out because Node 20's TextDecoder reads them as ISO-8859-1 controls, which would drop a "€".
 */
const CP1252_HIGH = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let at = 0; at < bytes.length; at += 8192) {
    const slice = Array.from(bytes.subarray(at, at + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)));
    text += slice.join("");
  }
  return text;
}

/** The file as text (a byte order mark is dropped: TextDecoder skips it). */
export function decodeHtml(bytes: Uint8Array): string {
  const decoder = new TextDecoder(detectHtmlEncoding(bytes).encoding);
  // Every label of the Western encoding (iso-8859-1, latin1, ascii…) resolves to windows-1252.
  return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}
