// HTML → ProseMirror JSON of the editor's schema, given an already parsed HTML document: the browser
// passes its own DOM, the server linkedom's (server/exchange/htmlFile.ts). One path for pasted-in
// files and uploads alike: sanitised, task lists marked the way the editor reads them, then read by
// the editor's own parse rules (ProseMirror's DOMParser over the schema from lib/editor/extensions).
import { DOMParser as SchemaParser, type Schema } from "@tiptap/pm/model";
import { sanitizeHtmlDocument } from "./sanitizeHtml";

/** A Word file's task line (as Tandem writes them): a bullet starting with its box. */
const WORD_BOX = /^\s*([☐☑☒])\s?/;
/** NodeFilter.SHOW_TEXT, spelled out: the server's DOM has no NodeFilter global. */
const SHOW_TEXT = 4;

/** The first text node of an element, where a Word task line's box is. */
function firstText(el: Element): Text | null {
  return el.ownerDocument.createTreeWalker(el, SHOW_TEXT).nextNode() as Text | null;
}

/**
 * Task lists as the editor's task items: GitHub-style (`<li><input type=checkbox checked> done</li>`)
 * and Word-style (`<li>☑ done</li>`, how the Word export writes them).
 */
function markTaskLists(root: Element): void {
  for (const list of Array.from(root.querySelectorAll("ul"))) {
    const items = Array.from(list.children).filter((c) => c.tagName.toUpperCase() === "LI");
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
        const box = boxOf(li) as Element;
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

/** How deep the elements under `root` nest, counted without recursion (the parse rules do recurse). */
export function elementDepth(root: Element): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export type HtmlImport = { title?: string; doc: Record<string, unknown> };

/** The parsed file's <title> and its body as the editor's JSON (checked again against the schema on import). */
export function htmlToDocument(document: Document, schema: Schema): HtmlImport {
  const root = document.documentElement;
  sanitizeHtmlDocument(root);
  const title = document.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim() || undefined;
  const body = document.querySelector("body") ?? root;
  markTaskLists(body);
  const doc = SchemaParser.fromSchema(schema).parse(body).toJSON() as Record<string, unknown>;
  return { title: title?.slice(0, 200), doc };
}
