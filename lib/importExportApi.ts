// The browser's side of import and export (contract: lib/contracts/importExport.ts). Markdown files go
// to the server as text; HTML files are parsed here, since the server has no DOM: sanitized with
// DOMPurify, task lists marked the way the editor reads them, turned into ProseMirror JSON with the
// editor's own extensions (generateJSON), and checked again by the server against the same schema.
import DOMPurify from "dompurify";
import { generateJSON } from "@tiptap/core";
import { documentExtensions } from "./editor/extensions";
import { request } from "./api";
import { MAMMOTH_STYLE_MAP } from "./exchange/docxStyles";
import type { ListedDocument } from "./contracts/documents";
import { type ImportInput, importKindOf } from "./contracts/importExport";

export { exportUrl } from "./exportUrl";

/** A Word file's task line (as Tandem writes them): a bullet starting with its box. */
const WORD_BOX = /^\s*([☐☑☒])\s?/;

/** The first text node of an element, where a Word task line's box is. */
function firstText(el: Element): Text | null {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/**
 * Task lists as the editor's task items: GitHub-style (`<li><input type=checkbox checked> done</li>`)
 * and Word-style (`<li>☑ done</li>`, how the Word export writes them).
 */
function markTaskLists(root: ParentNode): void {
  for (const list of Array.from(root.querySelectorAll("ul"))) {
    const items = Array.from(list.children).filter((c) => c.tagName === "LI");
    const boxOf = (li: Element) => li.querySelector(":scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]");
    const wordBoxOf = (li: Element) => {
      const text = firstText(li);
      return text && WORD_BOX.test(text.data) ? text : null;
    };
    if (items.length === 0) continue;
    const html = items.every(boxOf);
    if (!html && !items.every(wordBoxOf)) continue;
    list.setAttribute("data-type", "taskList");
    for (const li of items) {
      li.setAttribute("data-type", "taskItem");
      if (html) {
        const box = boxOf(li) as HTMLInputElement;
        li.setAttribute("data-checked", box.hasAttribute("checked") ? "true" : "false");
        box.remove();
      } else {
        const text = wordBoxOf(li) as Text;
        li.setAttribute("data-checked", WORD_BOX.exec(text.data)?.[1] === "☐" ? "false" : "true");
        text.data = text.data.replace(WORD_BOX, "");
      }
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

const UNSUPPORTED_FILE = "Tandem imports Markdown (.md, .markdown, .txt), HTML (.html) and Word (.docx) files.";

/**
 * A Word file as HTML, by mammoth (loaded only when a .docx is imported: it is large). Its pictures
 * arrive as data: URLs, which the document's image rule refuses, so they are left out.
 */
async function docxToHtml(file: File): Promise<string> {
  const mammoth = await import("mammoth");
  try {
    const { value } = await mammoth.convertToHtml({ arrayBuffer: await file.arrayBuffer() }, { styleMap: MAMMOTH_STYLE_MAP });
    return value;
  } catch {
    throw new Error("This Word file could not be read. Open it in Word and save it again as .docx, then import that file.");
  }
}

/** One file → the request body, or a reason it cannot be imported. */
export async function importBodyFor(file: File): Promise<ImportInput> {
  const kind = importKindOf(file.name);
  if (!kind) throw new Error(UNSUPPORTED_FILE);
  if (kind === "markdown") return { format: "markdown", fileName: file.name, text: await file.text() };
  const { title, doc } = htmlToDocument(kind === "docx" ? await docxToHtml(file) : await file.text());
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
