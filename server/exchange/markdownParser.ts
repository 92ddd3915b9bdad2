// Markdown (GitHub-flavoured) → a ProseMirror document of the editor's schema, on the server, without a
// DOM: markdown-it's tokens (through prosemirror-markdown) straight to nodes. Raw HTML is off, so a
// `<script>` in a file is text, never markup; markdown-it refuses javascript:, vbscript: and file:
// links itself (validateLink), and nesting stops at its maxNesting.
// Task lists (`- [x] done`) and table cells (GFM puts inline text straight into cells; the editor's
// cells hold paragraphs) are rewritten at the token level before the parser sees them.
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { MarkdownParser, type ParseSpec } from "prosemirror-markdown";
import type { Node, Schema } from "@tiptap/pm/model";

const MAX_NESTING = 40;

function tokenizer(schema: Schema): MarkdownIt {
  const md = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
  (md.options as { maxNesting?: number }).maxNesting = MAX_NESTING; // not in the typings, read by the block and inline parsers
  if ("highlight" in schema.marks) md.inline.ruler.before("emphasis", "tandem_highlight", highlightRule);
  md.core.ruler.push("tandem_task_lists", (state) => {
    markTaskLists(state.tokens);
  });
  md.core.ruler.push("tandem_table_cells", (state) => {
    state.tokens = wrapCellContent(state.tokens, state.Token);
  });
  md.core.ruler.push("tandem_block_images", (state) => {
    state.tokens = liftBlockImages(schema, state.tokens, state.Token);
  });
  return md;
}

type InlineState = Parameters<Parameters<MarkdownIt["inline"]["ruler"]["push"]>[1]>[0];

/**
 * `==text==` is a highlight (as the export writes it, and Tiptap, Obsidian and markdown-it-mark
 * read it): no space just inside the marks, no "=" within, all on one inline run.
 */
function highlightRule(state: InlineState, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x3d || state.src.charCodeAt(start + 1) !== 0x3d) return false;
  const close = state.src.indexOf("==", start + 2);
  if (close < 0 || close > state.posMax - 2) return false;
  const inner = state.src.slice(start + 2, close);
  if (!inner || inner.includes("=") || /^\s|\s$/.test(inner)) return false;
  if (!silent) {
    state.push("mark_open", "mark", 1);
    const max = state.posMax;
    state.pos = start + 2;
    state.posMax = close;
    state.md.inline.tokenize(state);
    state.posMax = max;
    state.push("mark_close", "mark", -1);
  }
  state.pos = close + 2;
  return true;
}

const TASK = /^\[([ xX])\]\s+/;

/** A bullet list whose every item starts with `[ ]` or `[x]` becomes a task list. */
function markTaskLists(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "bullet_list_open") continue;
    const level = tokens[i].level;
    const items: { open: Token; inline: Token | undefined }[] = [];
    let close = i + 1;
    for (; close < tokens.length; close++) {
      const t = tokens[close];
      if (t.type === "bullet_list_close" && t.level === level) break;
      if (t.type === "list_item_open" && t.level === level + 1) {
        const para = tokens[close + 1];
        const inline = para?.type === "paragraph_open" ? tokens[close + 2] : undefined;
        items.push({ open: t, inline: inline?.type === "inline" ? inline : undefined });
      }
    }
    if (items.length === 0 || !items.every((item) => item.inline && TASK.test(item.inline.content))) continue;
    tokens[i].type = "task_list_open";
    if (tokens[close]) tokens[close].type = "task_list_close";
    for (const { open, inline } of items) {
      if (!inline) continue;
      const checked = TASK.exec(inline.content)?.[1] !== " ";
      open.attrSet("checked", checked ? "true" : "false");
      inline.content = inline.content.replace(TASK, "");
      const first = inline.children?.[0];
      if (first?.type === "text") first.content = first.content.replace(TASK, "");
    }
    // The matching item close tokens at this level become task item closes.
    let depth = 0;
    for (let j = i + 1; j < close; j++) {
      const t = tokens[j];
      if (t.level !== level + 1) continue;
      if (t.type === "list_item_open") {
        t.type = "task_item_open";
        depth++;
      } else if (t.type === "list_item_close" && depth > 0) {
        t.type = "task_item_close";
        depth--;
      }
    }
  }
}

/** GFM cells hold inline content; the editor's cells hold blocks: wrap each cell's inline in a paragraph. */
function wrapCellContent(tokens: Token[], TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    out.push(t);
    if ((t.type === "th_open" || t.type === "td_open") && tokens[i + 1]?.type === "inline") {
      out.push(new TokenClass("paragraph_open", "p", 1), tokens[i + 1], new TokenClass("paragraph_close", "p", -1));
      i++;
    } else if ((t.type === "th_open" || t.type === "td_open") && tokens[i + 1]?.type !== "inline") {
      out.push(new TokenClass("paragraph_open", "p", 1), new TokenClass("paragraph_close", "p", -1));
    }
  }
  return out;
}

function specs(schema: Schema): Record<string, ParseSpec> {
  const has = (name: string) => name in schema.nodes;
  const spec: Record<string, ParseSpec> = {
    blockquote: { block: "blockquote" },
    paragraph: { block: "paragraph" },
    list_item: { block: "listItem" },
    bullet_list: { block: "bulletList" },
    ordered_list: { block: "orderedList", getAttrs: (tok) => ({ start: Number(tok.attrGet("start")) || 1 }) },
    heading: { block: "heading", getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) || 1 }) },
    code_block: { block: "codeBlock", noCloseToken: true },
    fence: { block: "codeBlock", getAttrs: (tok) => ({ language: tok.info.trim().split(/\s+/)[0] || null }), noCloseToken: true },
    hr: { node: "horizontalRule" },
    hardbreak: { node: "hardBreak" },
    em: { mark: "italic" },
    strong: { mark: "bold" },
    s: { mark: "strike" },
    link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href") }) },
    code_inline: { mark: "code", noCloseToken: true },
  };
  if ("highlight" in schema.marks) spec.mark = { mark: "highlight" };
  if (has("taskList") && has("taskItem")) {
    spec.task_list = { block: "taskList" };
    spec.task_item = { block: "taskItem", getAttrs: (tok) => ({ checked: tok.attrGet("checked") === "true" }) };
  } else {
    spec.task_list = { block: "bulletList" };
    spec.task_item = { block: "listItem" };
  }
  if (has("table") && has("tableRow") && has("tableCell")) {
    spec.table = { block: "table" };
    spec.thead = { ignore: true };
    spec.tbody = { ignore: true };
    spec.tr = { block: "tableRow" };
    spec.th = { block: has("tableHeader") ? "tableHeader" : "tableCell" };
    spec.td = { block: "tableCell" };
  } else {
    // No tables in the editor: each cell's paragraph stands on its own.
    for (const name of ["table", "thead", "tbody", "tr", "th", "td"]) spec[name] = { ignore: true };
  }
  if (has("image")) {
    spec.image = {
      node: "image",
      getAttrs: (tok) => ({ src: tok.attrGet("src"), alt: tok.children?.[0]?.content || null, title: tok.attrGet("title") || null }),
    };
  }
  return spec;
}

/** A block image cannot sit in a paragraph: a paragraph that is only an image becomes the image. */
function liftBlockImages(schema: Schema, tokens: Token[], TokenClass: typeof Token): Token[] {
  const image = schema.nodes.image;
  if (!image || image.isInline) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    const only = inline?.children?.filter((c) => !(c.type === "text" && c.content.trim() === "") && c.type !== "softbreak");
    if (
      open.type === "paragraph_open" &&
      inline?.type === "inline" &&
      close?.type === "paragraph_close" &&
      only?.length &&
      only.every((c) => c.type === "image")
    ) {
      for (const img of only) {
        const wrapper = new TokenClass("inline", "", 0);
        wrapper.children = [img];
        wrapper.content = "";
        out.push(wrapper);
      }
      i += 2;
      continue;
    }
    // An image among text: keep its description as text.
    if (inline?.type === "inline" && inline.children) {
      for (const child of inline.children) {
        if (child.type === "image") {
          child.type = "text";
          child.content = child.children?.[0]?.content ?? "";
          child.children = null;
        }
      }
    }
    out.push(open);
  }
  return out;
}

const parsers = new WeakMap<Schema, MarkdownParser>();

/** The document the Markdown describes. Throws on a construct the schema cannot hold (caller: 400). */
export function parseMarkdown(schema: Schema, text: string): Node {
  let parser = parsers.get(schema);
  if (!parser) {
    parser = new MarkdownParser(schema, tokenizer(schema), specs(schema));
    parsers.set(schema, parser);
  }
  return parser.parse(text);
}
