// How a search query meets text, shared by the server (snippets, the words it asks the index for) and
// the browser (scrolling the editor to the first match). Both databases index words case- and
// accent-insensitively, and every query word matches as a prefix ("plan" finds "planning"), so the
// same rule here finds, in the text, the words the index matched.

/** A highlighted part of a string: [start, end) in UTF-16 code units, as String.slice takes them. */
export type Range = { start: number; end: number };

/** Most words a query is searched with; the rest are ignored (a pasted paragraph stays cheap). */
export const MAX_QUERY_TERMS = 16;

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII = /^\p{ASCII}*$/u;

/** Lower case, accents and compatibility forms removed ("Café" → "cafe", "ﬁ" → "fi"). */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The query's words as the index sees them: folded, deduplicated, at most MAX_QUERY_TERMS. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query).match(WORD) ?? [])].slice(0, MAX_QUERY_TERMS);
}

/**
 * `text` folded, and where each folded character came from (origin(i); origin(length) = text.length).
 * ASCII folds one for one, so there the origin is the index itself and no table is built.
 */
function foldWithOrigin(text: string): { folded: string; origin: (i: number) => number } {
  if (ASCII.test(text)) return { folded: text.toLowerCase(), origin: (i) => i };
  let folded = "";
  const table: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      folded += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
      table.push(i++);
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) table.push(i);
    folded += f;
    i += ch.length;
  }
  table.push(text.length);
  return { folded, origin: (i) => table[i] };
}

/** fold() of one character, remembered: a text uses few distinct non-ASCII characters, many times. */
const folds = new Map<string, string>();
function foldChar(ch: string): string {
  let f = folds.get(ch);
  if (f === undefined) {
    f = fold(ch);
    if (folds.size < 10_000) folds.set(ch, f);
  }
  return f;
}

/** Every word of `text` that starts with one of `terms` (folded), whole word highlighted, in order. */
export function highlightRanges(text: string, terms: readonly string[], limit = Number.POSITIVE_INFINITY): Range[] {
  if (terms.length === 0 || text.length === 0) return [];
  const { folded, origin } = foldWithOrigin(text);
  const out: Range[] = [];
  for (const m of folded.matchAll(WORD)) {
    const word = m[0];
    if (!terms.some((t) => word.startsWith(t))) continue;
    out.push({ start: origin(m.index), end: origin(m.index + word.length) });
    if (out.length >= limit) break;
  }
  return out;
}

export type Snippet = { text: string; highlights: Range[] };

export type SnippetOptions = {
  /** Characters of context kept before the first match. */
  before?: number;
  /** Length of the excerpt (before the ellipses). */
  length?: number;
  /** Only this much of a very long text is looked through for the first match. */
  scanLimit?: number;
};

const ELLIPSIS = "…";

/**
 * An excerpt of `text` around its first match, on one line, with every match in it highlighted.
 * Starts at the beginning when nothing in the text matches (the title did).
 */
export function snippet(text: string, terms: readonly string[], options: SnippetOptions = {}): Snippet {
  const { before = 60, length = 180, scanLimit = 100_000 } = options;
  const first = highlightRanges(text.slice(0, scanLimit), terms, 1)[0];
  let start = first ? Math.max(0, first.start - before) : 0;
  // Start at a word: back up to the whitespace before it (within a few characters), else cut.
  if (start > 0) {
    const space = text.lastIndexOf(" ", start);
    if (space >= 0 && start - space < 20) start = space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start + length / 2) end = space;
  }
  const lead = start > 0 ? ELLIPSIS : "";
  const tail = end < text.length ? ELLIPSIS : "";
  // Line breaks between paragraphs become spaces one for one, so the ranges stay where they were.
  const body = text.slice(start, end).replace(/\s/g, " ");
  const highlights = highlightRanges(body, terms).map((r) => ({ start: r.start + lead.length, end: r.end + lead.length }));
  return { text: lead + body + tail, highlights };
}
