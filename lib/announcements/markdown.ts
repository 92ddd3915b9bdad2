// Announcement bodies are Markdown written by administrators; rendered to HTML and then sanitized,
// so a script or event handler in a body is inert. Browser only (DOMPurify needs a DOM).
import { marked } from "marked";
import DOMPurify from "dompurify";

export function renderMarkdown(source: string): string {
  installLinkHook();
  const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
    FORBID_ATTR: ["style"],
  });
}

/** Links in announcements open in a new tab and tell the target nothing about us. */
let hooked = false;
function installLinkHook(): void {
  if (hooked || typeof window === "undefined") return;
  hooked = true;
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.getAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
}
