// Does pasted plain text read as Markdown? Kept apart from the conversion (markdown.ts, which needs
// marked) so the editor's first load carries only these few rules; the converter loads on the first
// Markdown paste. Detection is deliberately narrow (a line or a span that only Markdown writes), so
// ordinary prose pastes as it is.

const BLOCK_LINE = [
  /^#{1,6}[ \t]+\S/, // # Heading
  /^[ \t]*[-*+][ \t]+\S/, // - item
  /^[ \t]*\d{1,9}[.)][ \t]+\S/, // 1. item
  /^[ \t]*(```|~~~)/, // ``` code fence
  /^>[ \t]?\S/, // > quote
];
const TABLE_ROW = /^[ \t]*\|.*\|[ \t]*$/;
const TABLE_DIVIDER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
const INLINE = [
  /\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*/, // **bold** (no space just inside the stars)
  /\[[^\]\n]+\]\((https?:|mailto:)[^)\s]+\)/i, // [text](https://…)
];

/** True when plain text reads as Markdown (a block marker at a line start, a table, bold or a link). */
export function looksLikeMarkdown(text: string): boolean {
  if (!text.trim()) return false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (BLOCK_LINE.some((rule) => rule.test(line))) return true;
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_DIVIDER.test(lines[i + 1])) return true;
  }
  return INLINE.some((rule) => rule.test(text));
}
