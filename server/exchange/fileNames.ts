// File names for exported documents: safe on every desktop (no path separators, control or reserved
// characters, no Windows device names, not too long), unique within an archive, and sent in
// Content-Disposition with an ASCII fallback plus the exact UTF-8 name (RFC 6266 / RFC 5987).

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must not hold
const RESERVED = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_BASE_CHARS = 100;

/** The title as a file name's base: what people typed, minus what a file system refuses. */
export function safeBaseName(title: string): string {
  let base = title.normalize("NFC").replace(RESERVED, " ").replace(/\s+/g, " ").trim();
  base = base.replace(/^[.\s]+|[.\s]+$/g, ""); // no hidden files, no trailing dots (Windows drops them)
  if (Array.from(base).length > MAX_BASE_CHARS) base = Array.from(base).slice(0, MAX_BASE_CHARS).join("").trim();
  if (!base || WINDOWS_DEVICES.test(base)) base = base ? `${base} document` : "Untitled";
  return base;
}

export function fileNameFor(title: string, extension: string): string {
  return `${safeBaseName(title)}.${extension}`;
}

/** Hands out names that differ from every earlier one (case-insensitively): "Notes.md", "Notes (2).md"… */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(title: string, extension: string): string {
    const base = safeBaseName(title);
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${base}.${extension}` : `${base} (${n}).${extension}`;
      const key = name.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }
}

/** `attachment; filename="ascii"; filename*=UTF-8''exact` */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
