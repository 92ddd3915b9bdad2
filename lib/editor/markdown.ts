// Pasted plain text that is written in Markdown becomes formatted content: headings, lists, task
// lists, quotes, code blocks, tables, bold and links. Detection lives in markdownDetect.ts (no marked),
// so the editor loads this converter only when a Markdown paste needs it.
import { Marked, type Tokens } from "marked";
import { isAllowedHref } from "./linkRule";

export { looksLikeMarkdown } from "./markdownDetect";

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
