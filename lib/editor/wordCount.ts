// Words and characters of a piece of text, as a word processor counts them: a word is a run of
// letters or digits (apostrophes and hyphens inside it keep it one word: "don't", "well-known", and a
// point or comma between digits: "4.5", "1,000"); characters are what a reader sees as one (an emoji
// with its skin tone is one), spaces included, line breaks between blocks not.
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['’-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;

const graphemes = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

export type TextCount = { words: number; characters: number };

export function countText(text: string): TextCount {
  let words = 0;
  for (const _ of text.matchAll(WORD)) words++;
  const flat = text.replace(/\n/g, "");
  let characters = 0;
  if (graphemes) for (const _ of graphemes.segment(flat)) characters++;
  else characters = [...flat].length; // code points: close enough where Segmenter is missing
  return { words, characters };
}

/** "1 word", "2,345 words": numbers grouped for the reader's locale. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
