// One page in the tree (a WAI-ARIA treeitem) and, when expanded, its sub-pages as a group. The row
// is the Tab stop the tree's roving focus moves; its link and buttons are for the pointer (the
// keyboard has Enter, Shift+F10 and Alt+Shift+arrows on the row itself).
"use client";
import Link from "next/link";
import type { DragEvent } from "react";
import { childrenOf, type PageForest } from "@/lib/pageTree";
import type { DropTarget } from "./useTreeDrag";
import { PageRowMenu, type RowAction } from "./PageRowMenu";

export type TreeItemContext = {
  forest: PageForest;
  treeId: string;
  currentId: string | null;
  focusedId: string | null;
  isExpanded: (id: string) => boolean;
  toggle: (id: string) => void;
  /** A page was opened from the tree (the drawer closes). */
  onOpened: () => void;
  menuFor: string | null;
  openMenu: (id: string) => void;
  closeMenu: (returnFocus: boolean) => void;
  actionsFor: (id: string) => RowAction[];
  createUnder: (id: string) => void;
  canHold: (id: string) => boolean;
  canMove: (id: string) => boolean;
  busyId: string | null;
  error: { id: string; message: string } | null;
  dragging: string | null;
  target: DropTarget | null;
  rowProps: (
    id: string,
    movable: boolean,
  ) => {
    draggable: boolean;
    onDragStart: (e: DragEvent<HTMLElement>) => void;
    onDragEnd: () => void;
    onDragOver: (e: DragEvent<HTMLElement>) => void;
    onDrop: (e: DragEvent<HTMLElement>) => void;
  };
};

const INDENT_REM = 0.875;

export const rowDomId = (treeId: string, id: string) => `${treeId}-row-${id}`;

export function PageTreeItem({ id, level, posInSet, setSize, ctx }: { id: string; level: number; posInSet: number; setSize: number; ctx: TreeItemContext }) {
  const page = ctx.forest.byId.get(id);
  if (!page) return null;
  const kids = childrenOf(ctx.forest, id);
  const expanded = kids.length > 0 && ctx.isExpanded(id);
  const current = ctx.currentId === id;
  const titleId = `${rowDomId(ctx.treeId, id)}-title`;
  const menuButtonId = `${rowDomId(ctx.treeId, id)}-menu`;
  const target = ctx.target?.kind === "row" && ctx.target.id === id ? ctx.target : null;
  const title = page.title || "Untitled";
  const indent = { paddingLeft: `${0.25 + (level - 1) * INDENT_REM}rem` };
  const lineInset = { left: `${0.25 + (level - 1) * INDENT_REM}rem` };

  return (
    <li
      id={rowDomId(ctx.treeId, id)}
      role="treeitem"
      aria-level={level}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-expanded={kids.length > 0 ? expanded : undefined}
      aria-current={current ? "page" : undefined}
      aria-labelledby={titleId}
      aria-busy={ctx.busyId === id || undefined}
      tabIndex={ctx.focusedId === id ? 0 : -1}
      data-page-id={id}
      data-testid="page-tree-item"
      className="outline-none"
    >
      <div
        {...ctx.rowProps(id, ctx.canMove(id))}
        data-tree-row
        data-drop={target ? (target.refused ? "refused" : target.zone) : undefined}
        style={indent}
        className={`group relative flex h-9 items-center gap-1 rounded-md pr-1 text-sm [li:focus-visible>&]:outline-2 [li:focus-visible>&]:outline-indigo-500 ${
          current
            ? "bg-indigo-50 font-medium text-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100"
            : "text-zinc-700 hover:bg-zinc-100 [li:focus>&]:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:[li:focus>&]:bg-zinc-800"
        } ${ctx.dragging === id ? "opacity-50" : ""} ${
          target?.zone === "inside" && !target.refused ? "ring-2 ring-indigo-500" : target?.refused ? "ring-2 ring-red-500" : ""
        }`}
      >
        {target && !target.refused && target.zone !== "inside" && (
          <span
            aria-hidden="true"
            data-testid="drop-line"
            style={lineInset}
            className={`pointer-events-none absolute right-0 h-0.5 rounded bg-indigo-500 ${target.zone === "before" ? "-top-px" : "-bottom-px"}`}
          />
        )}
        {/* The pointer's way to expand; the keyboard's is the arrow keys on the row. */}
        <span
          aria-hidden="true"
          data-testid="page-tree-toggle"
          onClick={() => kids.length > 0 && ctx.toggle(id)}
          className={`grid h-6 w-6 shrink-0 place-items-center rounded text-zinc-500 dark:text-zinc-400 ${kids.length > 0 ? "cursor-pointer hover:bg-zinc-200 dark:hover:bg-zinc-700" : ""}`}
        >
          {kids.length > 0 && (
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className={`h-4 w-4 transition-transform ${expanded ? "rotate-90" : ""}`}>
              <path d="M7.2 4.7a.75.75 0 0 1 1.06 0l4.77 4.77a.75.75 0 0 1 0 1.06L8.26 15.3a.75.75 0 1 1-1.06-1.06L11.44 10 7.2 5.76a.75.75 0 0 1 0-1.06Z" />
            </svg>
          )}
        </span>
        <Link
          id={titleId}
          href={`/documents/${id}`}
          tabIndex={-1}
          draggable={false}
          onClick={ctx.onOpened}
          className="min-w-0 flex-1 truncate py-1 focus:outline-none"
          title={title}
        >
          {title}
        </Link>
        {/* With a mouse these show over the row's end on hover or focus (app/globals.css); on a touch screen, always. */}
        <span data-row-actions data-open={ctx.menuFor === id || undefined} className="flex shrink-0 items-center bg-inherit">
          {ctx.canHold(id) && (
            <button
              type="button"
              tabIndex={-1}
              aria-label={`New sub-page in ${title}`}
              title="New sub-page"
              data-testid="page-tree-new-sub-page"
              onClick={() => ctx.createUnder(id)}
              className="grid h-7 w-7 shrink-0 place-items-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
            >
              <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
                <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
              </svg>
            </button>
          )}
          <button
            id={menuButtonId}
            type="button"
            tabIndex={-1}
            aria-label={`Actions for ${title}`}
            aria-haspopup="menu"
            aria-expanded={ctx.menuFor === id}
            data-testid="page-tree-actions"
            onClick={() => (ctx.menuFor === id ? ctx.closeMenu(false) : ctx.openMenu(id))}
            className="grid h-7 w-7 shrink-0 place-items-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
              <path d="M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0Zm5.5 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM15.5 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z" />
            </svg>
          </button>
        </span>
        {ctx.menuFor === id && <PageRowMenu id={id} actions={ctx.actionsFor(id)} labelledBy={menuButtonId} onClose={ctx.closeMenu} />}
      </div>
      {ctx.error?.id === id && (
        <p role="alert" data-testid="page-tree-error" style={indent} className="py-1 pr-2 text-xs text-red-700 dark:text-red-400">
          {ctx.error.message}
        </p>
      )}
      {expanded && (
        // biome-ignore lint/a11y/useSemanticElements: the ARIA tree pattern nests sub-pages in a group
        <ul role="group">
          {kids.map((kid, i) => (
            <PageTreeItem key={kid} id={kid} level={level + 1} posInSet={i + 1} setSize={kids.length} ctx={ctx} />
          ))}
        </ul>
      )}
    </li>
  );
}
