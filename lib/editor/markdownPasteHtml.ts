// The Markdown paste's conversion, loaded on the first Markdown paste (markdownPaste.ts): marked turns
// the text into HTML and DOMPurify cleans it before it meets a DOM. Browser only.
import DOMPurify from "dompurify";
import { markdownToHtml } from "./markdown";

export function markdownPasteHtml(markdown: string): string {
  return DOMPurify.sanitize(markdownToHtml(markdown), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "img"],
    FORBID_ATTR: ["style"],
  });
}
