// The browser's side of import and export (contract: lib/contracts/importExport.ts). Markdown files go
// to the server as text; HTML files are parsed here, since the server has no DOM: sanitized with
// DOMPurify, task lists marked the way the editor reads them, turned into ProseMirror JSON with the
// editor's own extensions (generateJSON), and checked again by the server against the same schema.
import DOMPurify from "dompurify";
import { generateJSON } from "@tiptap/core";
import { documentExtensions } from "./editor/extensions";
import { request } from "./api";
import type { ListedDocument } from "./contracts/documents";
import { type ImportInput, importKindOf } from "./contracts/importExport";

export { exportUrl } from "./exportUrl";

/** GitHub-style task lists (`<li><input type=checkbox checked> done</li>`) as the editor's task items. */
function markTaskLists(root: ParentNode): void {
  for (const list of Array.from(root.querySelectorAll("ul"))) {
    const items = Array.from(list.children).filter((c) => c.tagName === "LI");
    const boxOf = (li: Element) => li.querySelector(":scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]");
    if (items.length === 0 || !items.every(boxOf)) continue;
    list.setAttribute("data-type", "taskList");
    for (const li of items) {
      const box = boxOf(li) as HTMLInputElement;
      li.setAttribute("data-type", "taskItem");
      li.setAttribute("data-checked", box.hasAttribute("checked") ? "true" : "false");
      box.remove();
    }
  }
}

export function htmlToDocument(html: string): { title?: string; doc: Record<string, unknown> } {
  const clean = DOMPurify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    FORBID_TAGS: ["script", "style", "iframe", "object", "embed", "form", "button", "textarea", "select"],
    FORBID_ATTR: ["style"],
    RETURN_DOM: true,
  }) as HTMLElement;
  const title = clean.querySelector("title")?.textContent?.trim() || undefined;
  const body = clean.querySelector("body") ?? clean;
  markTaskLists(body);
  return { title, doc: generateJSON(body.innerHTML, documentExtensions()) };
}

/** One file → the request body, or a reason it cannot be imported. */
export async function importBodyFor(file: File): Promise<ImportInput> {
  const kind = importKindOf(file.name);
  if (!kind) throw new Error("Tandem imports Markdown (.md, .markdown, .txt) and HTML (.html) files.");
  const text = await file.text();
  if (kind === "markdown") return { format: "markdown", fileName: file.name, text };
  const { title, doc } = htmlToDocument(text);
  return {
    format: "prosemirror",
    fileName: file.name,
    ...(title ? { title: title.slice(0, 200) } : {}),
    doc: doc as ImportInput extends { doc: infer D } ? D : never,
  };
}

export async function importFile(file: File): Promise<ListedDocument> {
  return request<ListedDocument>("POST", "/api/documents/import", await importBodyFor(file));
}
