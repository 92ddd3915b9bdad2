// ProseMirror document → GitHub-flavoured Markdown (prosemirror-markdown), with a rule for every node
// and mark the editor has: headings, lists, task lists (`- [x]`), fenced code with its language,
// quotes, rules, hard breaks, links, bold/italic/strike/code, pipe tables, images with absolute URLs.
// A node type without a rule (one added to the editor later) degrades to its text, never a crash;
// a mark without one (underline: Markdown has none) keeps its text unmarked. Highlight is `==text==`
// (as Tiptap, Obsidian and markdown-it-mark write it); alignment has no Markdown, so only the text stays.
import { MarkdownSerializer, type MarkdownSerializerState } from "prosemirror-markdown";
import type { Node, Schema } from "@tiptap/pm/model";

type NodeRule = (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void;
type MarkRule = MarkdownSerializer["marks"][string];

export type MarkdownOptions = {
  /** Where relative image and link addresses point (the server's public origin). */
  baseUrl?: string;
};

function absolute(url: string, baseUrl: string | undefined): string {
  if (!baseUrl || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url; // already absolute: left exactly as written
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

/** A fence longer than any run of backticks inside the code. */
function fenceFor(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(longest + 1);
}

/** Backticks around inline code that cannot be closed early by the code's own backticks. */
function backticksFor(node: Node, side: -1 | 1): string {
  let longest = 0;
  if (node.isText) for (const run of node.text?.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = "`".repeat(longest + 1);
  if (longest === 0) return ticks;
  return side < 0 ? `${ticks} ` : ` ${ticks}`;
}

function isPlainUrl(href: string, parent: Node, index: number): boolean {
  const content = parent.child(index);
  return /^https?:\/\//.test(href) && content.isText && content.text === href && (index === parent.childCount - 1 || !parent.child(index + 1).text);
}

/** One table cell's content on one line: its blocks' Markdown joined, pipes escaped. */
function cellText(serializer: MarkdownSerializer, cell: Node): string {
  const text = serializer
    .serialize(cell, { tightLists: true })
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
  return text.replace(/\|/g, "\\|") || " ";
}

function tableRule(serializer: () => MarkdownSerializer): NodeRule {
  return (state, node) => {
    const rows: string[][] = [];
    node.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => {
        const text = cellText(serializer(), cell);
        cells.push(text);
        // A merged cell takes its columns' places, so the pipes still line up.
        for (let extra = 1; extra < (Number(cell.attrs.colspan) || 1); extra++) cells.push(" ");
      });
      rows.push(cells);
    });
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? " ").join(" | ")} |`;
    // GFM needs a header row: the first row is it, whether or not the editor marked it so.
    const out = [line(rows[0]), line(Array.from({ length: width }, () => "---")), ...rows.slice(1).map(line)];
    state.ensureNewLine();
    state.write(out.join("\n"));
    state.closeBlock(node);
  };
}

/** Any node type without a rule: a text block's inline content, a container's blocks, a leaf's text. */
const fallbackRule: NodeRule = (state, node) => {
  if (node.isTextblock) {
    state.renderInline(node);
    state.closeBlock(node);
  } else if (node.isBlock) {
    if (node.childCount > 0) state.renderContent(node);
    else if (node.textContent) {
      state.text(node.textContent);
      state.closeBlock(node);
    }
  } else {
    const label =
      node.textContent || (typeof node.attrs.label === "string" ? node.attrs.label : "") || (typeof node.attrs.alt === "string" ? node.attrs.alt : "");
    if (label) state.text(label);
  }
};

function nodeRules(options: MarkdownOptions, serializer: () => MarkdownSerializer): Record<string, NodeRule> {
  return {
    doc: (state, node) => state.renderContent(node),
    paragraph: (state, node) => {
      state.renderInline(node);
      state.closeBlock(node);
    },
    heading: (state, node) => {
      state.write(`${state.repeat("#", Math.min(6, Math.max(1, Number(node.attrs.level) || 1)))} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    blockquote: (state, node) => state.wrapBlock("> ", null, node, () => state.renderContent(node)),
    codeBlock: (state, node) => {
      const code = node.textContent;
      const fence = fenceFor(code);
      const language = typeof node.attrs.language === "string" ? node.attrs.language.replace(/[`\s]/g, "") : "";
      state.write(`${fence}${language}\n`);
      state.text(code, false);
      state.ensureNewLine();
      state.write(fence);
      state.closeBlock(node);
    },
    horizontalRule: (state, node) => {
      state.write("---");
      state.closeBlock(node);
    },
    hardBreak: (state, node, parent, index) => {
      // A break at the end of a block would be lost anyway; one in the middle is a backslash line end.
      for (let i = index + 1; i < parent.childCount; i++) {
        if (parent.child(i).type !== node.type) {
          state.write("\\\n");
          return;
        }
      }
    },
    bulletList: (state, node) => state.renderList(node, "  ", () => "- "),
    orderedList: (state, node) => {
      const start = Number(node.attrs.start) || 1;
      const width = String(start + node.childCount - 1).length;
      const indent = state.repeat(" ", width + 2);
      state.renderList(node, indent, (i) => {
        const n = String(start + i);
        return `${state.repeat(" ", width - n.length)}${n}. `;
      });
    },
    listItem: (state, node) => state.renderContent(node),
    taskList: (state, node) => state.renderList(node, "  ", () => "- "),
    taskItem: (state, node) => {
      state.write(node.attrs.checked ? "[x] " : "[ ] ");
      state.renderContent(node);
    },
    image: (state, node) => {
      const src = typeof node.attrs.src === "string" ? absolute(node.attrs.src, options.baseUrl) : "";
      if (!src) return;
      const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
      const title = typeof node.attrs.title === "string" && node.attrs.title ? ` "${node.attrs.title.replace(/"/g, '\\"')}"` : "";
      state.write(`![${state.esc(alt)}](${src.replace(/[()\s]/g, (c) => encodeURIComponent(c))}${title})`);
      if (node.isBlock) state.closeBlock(node);
    },
    // Mentions (lib/editor/mentions.ts): a member as the "@Name" people read; a document as a link
    // to it, which the importer reads back as an ordinary link.
    mention: (state, node) => {
      const name = typeof node.attrs.label === "string" && node.attrs.label ? node.attrs.label : "someone";
      state.write(state.esc(`@${name}`));
    },
    documentMention: (state, node) => {
      const title = typeof node.attrs.label === "string" && node.attrs.label ? node.attrs.label : "Untitled document";
      const id = typeof node.attrs.id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(node.attrs.id) ? node.attrs.id : null;
      if (!id) return void state.write(state.esc(title));
      state.write(`[${state.esc(title)}](${absolute(`/documents/${id}`, options.baseUrl)})`);
    },
    table: tableRule(serializer),
    text: (state, node) => state.text(node.text ?? "", !(state as { inAutolink?: boolean }).inAutolink),
  };
}

function markRules(options: MarkdownOptions): Record<string, MarkRule> {
  return {
    italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
    bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
    highlight: { open: "==", close: "==", mixable: true, expelEnclosingWhitespace: true },
    code: {
      open: (_state, _mark, parent, index) => backticksFor(parent.child(index), -1),
      close: (_state, _mark, parent, index) => backticksFor(parent.child(index - 1), 1),
      escape: false,
    },
    link: {
      open: (state, mark, parent, index) => {
        const href = absolute(String(mark.attrs.href ?? ""), options.baseUrl);
        const plain = isPlainUrl(href, parent, index);
        (state as { inAutolink?: boolean }).inAutolink = plain;
        return plain ? "<" : "[";
      },
      close: (state, mark) => {
        const s = state as { inAutolink?: boolean };
        const plain = s.inAutolink;
        s.inAutolink = undefined;
        const href = absolute(String(mark.attrs.href ?? ""), options.baseUrl);
        return plain ? ">" : `](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
      },
      mixable: true,
    },
  };
}

/** A serializer for this schema: every node type gets its rule, or the fallback. */
export function markdownSerializer(schema: Schema, options: MarkdownOptions = {}): MarkdownSerializer {
  let self: MarkdownSerializer;
  const known = nodeRules(options, () => self);
  const nodes: Record<string, NodeRule> = {};
  for (const name of Object.keys(schema.nodes)) nodes[name] = known[name] ?? fallbackRule;
  const marks: Record<string, MarkRule> = {};
  const knownMarks = markRules(options);
  for (const name of Object.keys(schema.marks)) marks[name] = knownMarks[name] ?? { open: "", close: "", mixable: true };
  self = new MarkdownSerializer(nodes, marks, { strict: false, hardBreakNodeName: "hardBreak" });
  return self;
}

/** Items serialized in one go: prosemirror-markdown re-scans its output so far at each block, so a long list is written in slices. */
const LIST_SLICE = 200;
const LISTS = new Set(["bulletList", "orderedList", "taskList"]);

/**
 * The whole document, one top-level block at a time (and long lists in slices of LIST_SLICE items, a
 * tight list's items being joined by one newline anyway): the serializer's cost grows with the square
 * of what it has written (50,000 list items took 55 s in one piece, well under a second in slices).
 */
export function toMarkdown(doc: Node, options: MarkdownOptions = {}): string {
  const serializer = markdownSerializer(doc.type.schema, options);
  const one = (block: Node) => serializer.serialize(doc.type.create(null, block), { tightLists: true }).replace(/\n+$/, "");
  const parts: string[] = [];
  doc.forEach((block) => {
    if (!LISTS.has(block.type.name) || block.childCount <= LIST_SLICE) {
      parts.push(one(block));
      return;
    }
    const slices: string[] = [];
    for (let from = 0; from < block.childCount; from += LIST_SLICE) {
      const items: Node[] = [];
      for (let i = from; i < Math.min(block.childCount, from + LIST_SLICE); i++) items.push(block.child(i));
      const attrs = block.type.name === "orderedList" ? { ...block.attrs, start: (Number(block.attrs.start) || 1) + from } : block.attrs;
      slices.push(one(block.type.create(attrs, items)));
    }
    parts.push(slices.join("\n"));
  });
  const out = parts.filter((part) => part.length > 0).join("\n\n");
  return out ? `${out}\n` : "";
}
