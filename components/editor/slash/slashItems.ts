// What the slash menu offers: one entry per block a writer reaches for, each turning the current
// block into it (the typed "/query" is removed first). Table only when the table extension is in the
// schema. Pure data and editor commands, no UI, so the filter can be tested on its own.
import type { Editor, Range } from "@tiptap/core";
import { insertImagesFromPicker } from "../imageUpload";

export type SlashItem = {
  id: string;
  title: string;
  hint: string;
  /** Other words someone might type for it ("h1", "ul", "hr"). */
  keywords: string[];
  run: (editor: Editor, range: Range) => void;
  available?: (editor: Editor) => boolean;
};

const at = (editor: Editor, range: Range) => editor.chain().focus().deleteRange(range);

export const SLASH_ITEMS: SlashItem[] = [
  { id: "h1", title: "Heading 1", hint: "Big section heading", keywords: ["h1", "title"], run: (e, r) => at(e, r).setHeading({ level: 1 }).run() },
  { id: "h2", title: "Heading 2", hint: "Medium heading", keywords: ["h2", "subtitle"], run: (e, r) => at(e, r).setHeading({ level: 2 }).run() },
  { id: "h3", title: "Heading 3", hint: "Small heading", keywords: ["h3"], run: (e, r) => at(e, r).setHeading({ level: 3 }).run() },
  { id: "bullet", title: "Bullet list", hint: "A simple list", keywords: ["ul", "unordered", "bulleted"], run: (e, r) => at(e, r).toggleBulletList().run() },
  { id: "numbered", title: "Numbered list", hint: "A list with numbers", keywords: ["ol", "ordered", "1."], run: (e, r) => at(e, r).toggleOrderedList().run() },
  {
    id: "task",
    title: "Task list",
    hint: "Track tasks with checkboxes",
    keywords: ["todo", "checkbox", "checklist"],
    run: (e, r) => at(e, r).toggleTaskList().run(),
  },
  { id: "quote", title: "Quote", hint: "Set off a quotation", keywords: ["blockquote", "citation"], run: (e, r) => at(e, r).setBlockquote().run() },
  { id: "code", title: "Code block", hint: "Code in a monospace box", keywords: ["pre", "snippet", "```"], run: (e, r) => at(e, r).setCodeBlock().run() },
  {
    id: "divider",
    title: "Divider",
    hint: "A line between sections",
    keywords: ["hr", "rule", "separator", "line"],
    run: (e, r) => at(e, r).setHorizontalRule().run(),
  },
  {
    id: "image",
    title: "Image",
    hint: "Upload a picture",
    keywords: ["picture", "photo", "img", "upload"],
    run: (e, r) => {
      at(e, r).run();
      void insertImagesFromPicker(e);
    },
    available: (e) => "image" in e.schema.nodes,
  },
  {
    id: "table",
    title: "Table",
    hint: "3 × 3 with a header row",
    keywords: ["grid", "spreadsheet", "columns"],
    run: (e, r) => at(e, r).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    available: (e) => "table" in e.schema.nodes,
  },
];

/** The entries matching what was typed after "/", best first: title starts, then a keyword starts, then contains. */
export function filterSlashItems(items: SlashItem[], query: string, editor?: Editor): SlashItem[] {
  const q = query.trim().toLowerCase();
  const offered = editor ? items.filter((i) => i.available?.(editor) ?? true) : items;
  if (!q) return offered;
  const score = (item: SlashItem): number => {
    const title = item.title.toLowerCase();
    if (title.startsWith(q)) return 0;
    if (item.keywords.some((k) => k.startsWith(q))) return 1;
    if (title.includes(q) || title.split(" ").some((w) => w.startsWith(q))) return 2;
    return -1;
  };
  return offered
    .map((item, index) => ({ item, index, s: score(item) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.index - b.index)
    .map((x) => x.item);
}
