// Turns one imported file into a document's first state, checked whole before anything is created:
// Markdown is parsed here; ProseMirror JSON (HTML the browser parsed) is read against the editor's
// schema (Node.fromJSON + check, so an unknown node, a bad attribute or a list inside a heading is a
// 400, never a broken document). The result is one Yjs update for the new document's room.
import * as Y from "yjs";
import { Node, type Schema } from "@tiptap/pm/model";
import { prosemirrorToYDoc } from "@tiptap/y-tiptap";
import { IMPORT_MAX_DEPTH } from "../../lib/contracts/importExport";
import { invalidInput } from "../domain/errors";
import { EDITOR_FIELD } from "../collab/documentText";
import { MAX_DOCUMENT_BYTES } from "../collab/limits";
import { parseMarkdown } from "./markdownParser";
import type { PendingImage } from "./htmlFile";

/** `images`: a Word file's pictures, which the JSON points at by placeholder until they are stored. */
export type ImportSource =
  | { format: "markdown"; fileName: string; text: string }
  | { format: "prosemirror"; fileName: string; title?: string; doc: unknown; images?: PendingImage[] };

export type PreparedImport = { title: string; content: Node; update: Uint8Array };

/** Most nodes one import may hold (a 2 MB file of one-letter list items is about 400,000). */
const MAX_NODES = 200_000;
const TITLE_MAX = 200;

/** How deep and how many nodes the JSON holds, without recursion (a hostile file may nest 100,000 deep). */
function measure(json: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: json, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth: d } = stack.pop() as { value: unknown; depth: number };
    nodes++;
    depth = Math.max(depth, d);
    if (depth > IMPORT_MAX_DEPTH || nodes > MAX_NODES) break;
    const content = (value as { content?: unknown } | null)?.content;
    if (Array.isArray(content)) for (const child of content) stack.push({ value: child, depth: d + 1 });
  }
  return { depth, nodes };
}

function fromJson(schema: Schema, json: unknown): Node {
  const { depth, nodes } = measure(json);
  if (depth > IMPORT_MAX_DEPTH)
    throw invalidInput(`The file nests too deeply (more than ${IMPORT_MAX_DEPTH} levels). Flatten its lists or quotes and try again.`, "doc");
  if (nodes > MAX_NODES) throw invalidInput(`The file has too many parts (more than ${MAX_NODES.toLocaleString("en")}). Split it into smaller files.`, "doc");
  let node: Node;
  try {
    node = Node.fromJSON(schema, json);
    node.check();
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 160) : "it does not fit the editor";
    throw invalidInput(`The file's content is not a valid document (${reason}).`, "doc");
  }
  if (node.type !== schema.topNodeType) throw invalidInput("The file's content is not a whole document.", "doc");
  return node;
}

function markdownNode(schema: Schema, text: string): Node {
  let node: Node;
  try {
    node = parseMarkdown(schema, text);
    node.check();
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 160) : "unknown";
    throw invalidInput(`This Markdown could not be read (${reason}).`, "text");
  }
  return node;
}

/** The first `# heading`'s text, else the file name without its extension. */
export function importTitle(content: Node, fileName: string, given?: string): string {
  let heading: string | undefined;
  content.forEach((child) => {
    if (heading === undefined && child.type.name === "heading" && child.attrs.level === 1) heading = child.textContent;
  });
  const base = fileName.replace(/^.*[/\\]/, "").replace(/\.[a-z0-9]+$/i, "");
  const title = [given, heading, base].map((t) => t?.replace(/\s+/g, " ").trim() ?? "").find((t) => t.length > 0) ?? "Untitled";
  return Array.from(title).slice(0, TITLE_MAX).join("");
}

/** The content with each image `src` found in `sources` replaced by its stored URL. */
export function withImageSources(content: Node, sources: Map<string, string>): Record<string, unknown> {
  const json = content.toJSON() as Record<string, unknown>;
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop() as { type?: string; attrs?: { src?: string }; content?: unknown[] };
    if (node.type === "image" && node.attrs?.src && sources.has(node.attrs.src)) node.attrs.src = sources.get(node.attrs.src);
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return json;
}

export function prepareImport(schema: Schema, source: ImportSource): PreparedImport {
  const content = source.format === "markdown" ? markdownNode(schema, source.text) : fromJson(schema, source.doc);
  const title = importTitle(content, source.fileName, source.format === "prosemirror" ? source.title : undefined);
  const ydoc = prosemirrorToYDoc(content, EDITOR_FIELD);
  try {
    const update = Y.encodeStateAsUpdate(ydoc);
    if (update.byteLength > MAX_DOCUMENT_BYTES) throw invalidInput("The file would make a document larger than 16 MB. Split it into smaller files.", "doc");
    return { title, content, update };
  } finally {
    ydoc.destroy();
  }
}
