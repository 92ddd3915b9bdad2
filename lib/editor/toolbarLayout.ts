// The formatting toolbar's layout: its items in groups (a divider between groups), the order in which
// items move into the "More" menu when the row is too narrow (as Google Docs does), their shortcuts as
// the shortcut sheet lists them, and the fitting itself, kept free of the DOM so it can be tested alone.
import type { Alignment } from "./formatting";

export const TOOLBAR_GROUPS = [
  ["h1", "h2", "h3"],
  ["bold", "italic", "strike", "link", "highlight"],
  ["align"],
  ["bulletList", "orderedList", "taskList", "blockquote", "codeBlock", "divider", "table", "image"],
  ["undo", "redo"],
] as const;

export type ToolbarItemId = (typeof TOOLBAR_GROUPS)[number][number];

/** The row's order, left to right. */
export const TOOLBAR_ITEMS: readonly ToolbarItemId[] = TOOLBAR_GROUPS.flat();

/**
 * First to move into "More" first. Undo and redo go first (Ctrl/Cmd+Z is the best-known shortcut),
 * then the inserts (also in the "/" menu); bold, italic, the headings, the lists and link stay longest.
 */
export const OVERFLOW_ORDER: readonly ToolbarItemId[] = [
  "redo",
  "undo",
  "image",
  "table",
  "divider",
  "codeBlock",
  "blockquote",
  "strike",
  "highlight",
  "align",
  "taskList",
  "h3",
  "orderedList",
  "bulletList",
  "h2",
  "link",
  "h1",
  "italic",
  "bold",
];

/** Keys as lib/editor/shortcuts.ts names them ("Mod" is ⌘ on a Mac, Ctrl elsewhere). */
export const TOOLBAR_SHORTCUTS: Partial<Record<ToolbarItemId, string[]>> = {
  h1: ["Mod", "Alt", "1"],
  h2: ["Mod", "Alt", "2"],
  h3: ["Mod", "Alt", "3"],
  bold: ["Mod", "B"],
  italic: ["Mod", "I"],
  strike: ["Mod", "Shift", "S"],
  link: ["Mod", "K"],
  highlight: ["Mod", "Shift", "H"],
  bulletList: ["Mod", "Shift", "8"],
  orderedList: ["Mod", "Shift", "7"],
  taskList: ["Mod", "Shift", "9"],
  blockquote: ["Mod", "Shift", "B"],
  codeBlock: ["Mod", "Alt", "C"],
  undo: ["Mod", "Z"],
  redo: ["Mod", "Shift", "Z"],
};

export const ALIGN_SHORTCUTS: Record<Alignment, string[]> = {
  left: ["Mod", "Shift", "L"],
  center: ["Mod", "Shift", "E"],
  right: ["Mod", "Shift", "R"],
  justify: ["Mod", "Shift", "J"],
};

export type ToolbarMeasure = {
  /** Each item's own width (px), hidden or not. */
  widths: Record<ToolbarItemId, number>;
  /** The row's inner width (px). */
  available: number;
  moreWidth: number;
  dividerWidth: number;
  /** Items that must stay in the row (their choices are open). */
  pinned?: ReadonlySet<ToolbarItemId>;
};

function rowWidth(visible: ReadonlySet<ToolbarItemId>, m: ToolbarMeasure): number {
  let width = 0;
  let groups = 0;
  for (const group of TOOLBAR_GROUPS) {
    const shown = group.filter((id) => visible.has(id));
    if (shown.length === 0) continue;
    groups++;
    for (const id of shown) width += m.widths[id];
  }
  return width + Math.max(0, groups - 1) * m.dividerWidth;
}

/** The items that go into "More": none when the whole row fits, else the fewest, in OVERFLOW_ORDER. */
export function overflowingItems(m: ToolbarMeasure): ToolbarItemId[] {
  const visible = new Set(TOOLBAR_ITEMS);
  if (rowWidth(visible, m) <= m.available) return [];
  const hidden: ToolbarItemId[] = [];
  for (const id of OVERFLOW_ORDER) {
    // The "⋯" button after a divider of its own.
    if (rowWidth(visible, m) + (visible.size > 0 ? m.dividerWidth : 0) + m.moreWidth <= m.available) break;
    if (m.pinned?.has(id)) continue;
    visible.delete(id);
    hidden.push(id);
  }
  return TOOLBAR_ITEMS.filter((id) => hidden.includes(id));
}
