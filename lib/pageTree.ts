// The page tree as the sidebar shows it, worked out from the flat list GET /api/pages/tree returns:
// who is under whom, which rows show with which pages expanded, and what a move (by keyboard or by a
// drop) asks the server for. Pure functions, so the rules are tested without a browser.
import type { PageNode } from "./contracts/pages";

export type PageForest = {
  byId: ReadonlyMap<string, PageNode>;
  /** Sub-pages of each page in order; "" holds the top level. */
  children: ReadonlyMap<string, readonly string[]>;
};

const TOP = "";

const inOrder = (a: PageNode, b: PageNode) => a.position - b.position || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

export function buildForest(pages: readonly PageNode[]): PageForest {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const groups = new Map<string, PageNode[]>();
  for (const page of pages) {
    // A parent missing from the list is one the caller cannot open: the page shows at the top level.
    const key = page.parentId && byId.has(page.parentId) ? page.parentId : TOP;
    const group = groups.get(key) ?? [];
    group.push(page);
    groups.set(key, group);
  }
  const children = new Map<string, string[]>();
  for (const [key, group] of groups)
    children.set(
      key,
      group.sort(inOrder).map((p) => p.id),
    );
  return { byId, children };
}

export const childrenOf = (forest: PageForest, id: string | null): readonly string[] => forest.children.get(id ?? TOP) ?? [];

/** The parent as the tree shows it (null at the top level, also when the real parent is hidden). */
export function shownParent(forest: PageForest, id: string): string | null {
  const parentId = forest.byId.get(id)?.parentId ?? null;
  return parentId && forest.byId.has(parentId) ? parentId : null;
}

/** Ancestors of a page, top level first (not the page itself). */
export function ancestorsOf(forest: PageForest, id: string): string[] {
  const chain: string[] = [];
  const seen = new Set([id]);
  for (let p = shownParent(forest, id); p && !seen.has(p); p = shownParent(forest, p)) {
    seen.add(p);
    chain.unshift(p);
  }
  return chain;
}

/** True when `id` is `ancestorId` itself or one of its sub-pages at any depth. */
export function isWithin(forest: PageForest, id: string, ancestorId: string): boolean {
  return id === ancestorId || ancestorsOf(forest, id).includes(ancestorId);
}

export type TreeRow = { id: string; level: number; setSize: number; posInSet: number; hasChildren: boolean; expanded: boolean };

/** The rows on screen, top to bottom, given which pages are expanded. */
export function visibleRows(forest: PageForest, isExpanded: (id: string) => boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (parent: string | null, level: number) => {
    const ids = childrenOf(forest, parent);
    ids.forEach((id, i) => {
      const hasChildren = childrenOf(forest, id).length > 0;
      const expanded = hasChildren && isExpanded(id);
      rows.push({ id, level, setSize: ids.length, posInSet: i + 1, hasChildren, expanded });
      if (expanded) walk(id, level + 1);
    });
  };
  walk(null, 1);
  return rows;
}

/** What a move asks for, or why it cannot be asked (said as a person would read it). */
export type PlannedMove =
  | { kind: "move"; input: { parentId: string | null; beforeId: string | null } }
  | { kind: "none" }
  | { kind: "refused"; reason: string };

export const INSIDE_ITSELF = "A page can't go inside itself or one of its own sub-pages.";

/** The sibling after `id` among `parent`'s sub-pages, skipping `moving` (it leaves its place). */
function nextSiblingAfter(forest: PageForest, parent: string | null, id: string, moving: string): string | null {
  const ids = childrenOf(forest, parent).filter((s) => s !== moving);
  return ids[ids.indexOf(id) + 1] ?? null;
}

/** Drops that would leave the page where it is ask nothing of the server. */
function planned(forest: PageForest, id: string, input: { parentId: string | null; beforeId: string | null }): PlannedMove {
  if (input.parentId !== null && isWithin(forest, input.parentId, id)) return { kind: "refused", reason: INSIDE_ITSELF };
  const parent = shownParent(forest, id);
  const samePlace = parent === input.parentId && nextSiblingAfter(forest, parent, id, "") === input.beforeId;
  return samePlace ? { kind: "none" } : { kind: "move", input };
}

export type DropZone = "before" | "inside" | "after";

/** A drag of `id` dropped on `targetId`'s row: in front of it, into it (last), or after it. */
export function planDrop(forest: PageForest, id: string, targetId: string, zone: DropZone): PlannedMove {
  if (id === targetId) return zone === "inside" ? { kind: "refused", reason: INSIDE_ITSELF } : { kind: "none" };
  if (zone === "inside") return planned(forest, id, { parentId: targetId, beforeId: null });
  const parentId = shownParent(forest, targetId);
  const beforeId = zone === "before" ? targetId : nextSiblingAfter(forest, parentId, targetId, id);
  return planned(forest, id, { parentId, beforeId });
}

/** A drop below the last row: the end of the top level. */
export const planDropAtEnd = (forest: PageForest, id: string): PlannedMove => planned(forest, id, { parentId: null, beforeId: null });

export type KeyboardMove = "up" | "down" | "in" | "out";

/** Alt+Shift+arrows: past the sibling above or below, into the sibling above (last), or out beside the parent. */
export function planKeyboardMove(forest: PageForest, id: string, direction: KeyboardMove): PlannedMove {
  const parent = shownParent(forest, id);
  const siblings = childrenOf(forest, parent);
  const i = siblings.indexOf(id);
  switch (direction) {
    case "up":
      return i > 0 ? planned(forest, id, { parentId: parent, beforeId: siblings[i - 1] }) : { kind: "none" };
    case "down":
      return i >= 0 && i < siblings.length - 1 ? planned(forest, id, { parentId: parent, beforeId: siblings[i + 2] ?? null }) : { kind: "none" };
    case "in":
      return i > 0 ? planned(forest, id, { parentId: siblings[i - 1], beforeId: null }) : { kind: "none" };
    case "out":
      return parent === null
        ? { kind: "none" }
        : planned(forest, id, { parentId: shownParent(forest, parent), beforeId: nextSiblingAfter(forest, shownParent(forest, parent), parent, id) });
    default: {
      const never: never = direction;
      return never;
    }
  }
}

/** "Move to…"'s position choices: first, after a sibling, last. */
export const FIRST = "first";
export const LAST = "last";
export const AFTER = (id: string) => `after:${id}`;

/** The sibling the page goes in front of (null: last) for a position choice among `siblings` (the page itself left out). */
export function beforeIdFor(position: string, siblings: readonly string[]): string | null {
  if (position === FIRST) return siblings[0] ?? null;
  if (position === LAST) return null;
  const at = siblings.findIndex((id) => AFTER(id) === position);
  return at >= 0 ? (siblings[at + 1] ?? null) : null;
}
