// Plain text of a Tiptap/ProseMirror document stored in Yjs (an XmlFragment of block elements),
// for server code and tests that want to know what a document says without a browser.
import * as Y from "yjs";

/** Tiptap's Collaboration extension keeps the document in this fragment. */
export const EDITOR_FIELD = "default";

function inlineText(text: Y.XmlText): string {
  let out = "";
  for (const op of text.toDelta() as Array<{ insert?: unknown }>) if (typeof op.insert === "string") out += op.insert;
  return out;
}

/** Blocks (paragraphs, headings, list items) on separate lines, inline formatting dropped. */
export function xmlText(node: Y.XmlFragment | Y.XmlElement): string {
  const children = node.toArray();
  const blockChildren = children.some((c) => c instanceof Y.XmlElement);
  const parts = children.map((child) => (child instanceof Y.XmlText ? inlineText(child) : child instanceof Y.XmlElement ? xmlText(child) : ""));
  return parts.join(blockChildren ? "\n" : "");
}

export function documentText(doc: Y.Doc, field = EDITOR_FIELD): string {
  return xmlText(doc.getXmlFragment(field));
}
