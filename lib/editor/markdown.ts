// Pasted plain text that is written in Markdown becomes formatted content: headings, lists, task
// lists, quotes, code blocks, tables, bold and links. Detection is deliberately narrow (a line or a
// span that only Markdown writes), so ordinary prose pastes as it is.
import { Marked, type Tokens } from "marked";
import { isAllowedHref } from "./linkRule";

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

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Its own instance: the announcements' global `marked` settings stay untouched.
const paste = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML in Markdown stays text: a paste never carries markup the person cannot see.
    html: ({ text, block }: Tokens.HTML | Tokens.Tag) => (block ? `<p>${escapeHtml(text)}</p>` : escapeHtml(text)),
    // Links the editor would refuse become their text.
    link({ href, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      return isAllowedHref(href) ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    },
    // "- [ ] item" as the editor's own task list (Tiptap parses ul[data-type=taskList]).
    checkbox: () => "",
    list(token: Tokens.List) {
      if (!token.items.some((item) => item.task)) return false; // marked's default list
      const items = token.items.map(
        (item) => `<li data-type="taskItem" data-checked="${item.checked ? "true" : "false"}">${this.parser.parse(item.tokens)}</li>`,
      );
      return `<ul data-type="taskList">${items.join("")}</ul>`;
    },
  },
});

/** Markdown as HTML for the editor to parse. Still sanitize it before it meets a DOM (markdownPaste.ts). */
export function markdownToHtml(markdown: string): string {
  return paste.parse(markdown.replace(/\r\n?/g, "\n")) as string;
}
