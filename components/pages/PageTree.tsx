// The sidebar's page tree, following the WAI-ARIA tree pattern: one Tab stop (roving tabindex), Up and
// Down through the visible rows, Right/Left to expand, enter or leave a level, Home/End, Enter to open,
// typing a letter to jump. Moving without a mouse: Alt+Shift+arrows, or "Move to…" in the row's menu.
"use client";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import { childrenOf, type KeyboardMove, type PlannedMove, planKeyboardMove, shownParent, visibleRows } from "@/lib/pageTree";
import type { Expanded } from "./useExpanded";
import type { PageTree as PageTreeData } from "./usePageTree";
import { useTreeDrag } from "./useTreeDrag";
import { PageTreeItem, rowDomId, type TreeItemContext } from "./PageTreeItem";
import type { RowAction } from "./PageRowMenu";
import { MovePageDialog } from "./MovePageDialog";

type Props = {
  tree: PageTreeData;
  expanded: Expanded;
  currentId: string | null;
  /** Creates a sub-page (or a top-level page with null) and opens it; throws what went wrong. */
  onCreate: (parentId: string | null) => Promise<void>;
  /** A page was opened from the tree (the drawer closes). */
  onOpened?: () => void;
};

const ARROW_MOVES: Record<string, KeyboardMove> = { ArrowUp: "up", ArrowDown: "down", ArrowRight: "in", ArrowLeft: "out" };

export function PageTree({ tree, expanded, currentId, onCreate, onOpened }: Props) {
  const router = useRouter();
  const treeId = useId().replace(/:/g, "");
  const hintId = `${treeId}-hint`;
  const forest = tree.forest;
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusAfterRender = useRef<string | null>(null);

  const rows = useMemo(() => (forest ? visibleRows(forest, expanded.isExpanded) : []), [forest, expanded.isExpanded]);
  const titleOf = useCallback((id: string | null) => (id ? forest?.byId.get(id)?.title || "Untitled" : "the top level"), [forest]);

  // The Tab stop: the focused row while it is shown, else the current page, else the first row.
  const shown = new Set(rows.map((r) => r.id));
  const tabStop = focusedId && shown.has(focusedId) ? focusedId : currentId && shown.has(currentId) ? currentId : (rows[0]?.id ?? null);

  const focusRow = useCallback(
    (id: string) => {
      setFocusedId(id);
      document.getElementById(rowDomId(treeId, id))?.focus();
    },
    [treeId],
  );
  // A moved row is a new element in a new place: focus follows it once it is drawn.
  useEffect(() => {
    const id = focusAfterRender.current;
    const el = id ? document.getElementById(rowDomId(treeId, id)) : null;
    if (id && el) {
      focusAfterRender.current = null;
      el.focus();
    }
  });

  const canHold = useCallback((id: string) => forest?.byId.get(id)?.role !== "viewer", [forest]);
  const canMove = useCallback((id: string) => forest?.byId.get(id)?.role === "owner", [forest]);

  const runMove = useCallback(
    async (id: string, plan: Extract<PlannedMove, { kind: "move" }>, keepFocus: boolean) => {
      setError(null);
      setBusyId(id);
      const { parentId } = plan.input;
      try {
        await tree.move(id, plan.input);
        if (parentId) expanded.setOpen(parentId, true);
        setAnnouncement(`Moved “${titleOf(id)}” ${parentId ? `into “${titleOf(parentId)}”` : "to the top level"}.`);
        if (keepFocus) {
          focusAfterRender.current = id;
          setFocusedId(id);
        }
      } catch (e) {
        setError({ id, message: `“${titleOf(id)}” was not moved. ${plainError(e)}` });
      } finally {
        setBusyId(null);
      }
    },
    [tree, expanded, titleOf],
  );

  const drag = useTreeDrag(forest, {
    canHold,
    onMove: (id, plan) => void runMove(id, plan, false),
    onRefused: (id, reason) => setError({ id, message: `“${titleOf(id)}” was not moved. ${reason}` }),
  });

  const createUnder = useCallback(
    async (parentId: string | null) => {
      setError(null);
      try {
        await onCreate(parentId);
        if (parentId) expanded.setOpen(parentId, true);
        onOpened?.();
      } catch (e) {
        if (parentId) setError({ id: parentId, message: `The sub-page was not created. ${plainError(e)}` });
      }
    },
    [onCreate, expanded, onOpened],
  );

  const keyboardMove = useCallback(
    (id: string, direction: KeyboardMove) => {
      if (!forest) return;
      if (!canMove(id)) return setError({ id, message: `Only the owner of “${titleOf(id)}” can move it.` });
      const plan = planKeyboardMove(forest, id, direction);
      if (plan.kind === "move") void runMove(id, plan, true);
      else if (plan.kind === "refused") setError({ id, message: `“${titleOf(id)}” was not moved. ${plan.reason}` });
    },
    [forest, canMove, runMove, titleOf],
  );

  const actionsFor = useCallback(
    (id: string): RowAction[] => {
      if (!forest) return [];
      const can = (d: KeyboardMove) => canMove(id) && planKeyboardMove(forest, id, d).kind === "move";
      const parent = shownParent(forest, id);
      const siblings = childrenOf(forest, parent);
      const above = siblings[siblings.indexOf(id) - 1];
      const actions: RowAction[] = [];
      if (canHold(id)) actions.push({ key: "new", label: "New sub-page", run: () => void createUnder(id) });
      actions.push(
        { key: "move-to", label: "Move to…", disabled: !canMove(id), run: () => setMoving(id) },
        { key: "up", label: "Move up", hint: "Alt+Shift+↑", disabled: !can("up"), run: () => keyboardMove(id, "up") },
        { key: "down", label: "Move down", hint: "Alt+Shift+↓", disabled: !can("down"), run: () => keyboardMove(id, "down") },
      );
      // Into and out of only where there is a page above, or a parent, to go into or out of.
      if (above)
        actions.push({ key: "in", label: `Move into “${titleOf(above)}”`, hint: "Alt+Shift+→", disabled: !can("in"), run: () => keyboardMove(id, "in") });
      if (parent)
        actions.push({ key: "out", label: `Move out of “${titleOf(parent)}”`, hint: "Alt+Shift+←", disabled: !can("out"), run: () => keyboardMove(id, "out") });
      return actions;
    },
    [forest, canHold, canMove, createUnder, keyboardMove, titleOf],
  );

  const closeMenu = useCallback(
    (returnFocus: boolean) => {
      const id = menuFor;
      setMenuFor(null);
      if (returnFocus && id) focusRow(id);
    },
    [menuFor, focusRow],
  );

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const id = item?.dataset.pageId;
    if (!forest || !id || item !== e.target) return; // keys inside a row's menu are the menu's
    const at = rows.findIndex((r) => r.id === id);
    const row = rows[at];
    if (!row) return;
    if (e.altKey && e.shiftKey && ARROW_MOVES[e.key]) {
      e.preventDefault();
      return keyboardMove(id, ARROW_MOVES[e.key]);
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.shiftKey && e.key === "F10") || e.key === "ContextMenu") {
      e.preventDefault();
      return setMenuFor(id);
    }
    const go = (to: string | undefined) => {
      e.preventDefault();
      if (to) focusRow(to);
    };
    switch (e.key) {
      case "ArrowDown":
        return go(rows[at + 1]?.id);
      case "ArrowUp":
        return go(rows[at - 1]?.id);
      case "Home":
        return go(rows[0]?.id);
      case "End":
        return go(rows[rows.length - 1]?.id);
      case "ArrowRight":
        e.preventDefault();
        if (row.hasChildren && !row.expanded) return expanded.setOpen(id, true);
        if (row.expanded) return go(rows[at + 1]?.id);
        return;
      case "ArrowLeft":
        e.preventDefault();
        if (row.expanded) return expanded.setOpen(id, false);
        return go(shownParent(forest, id) ?? undefined);
      case "Enter":
        e.preventDefault();
        router.push(`/documents/${id}`);
        return onOpened?.();
      default:
        // Type-ahead: the next row whose title starts with the letter typed.
        if (e.key.length === 1 && /\S/.test(e.key)) {
          const key = e.key.toLowerCase();
          const order = [...rows.slice(at + 1), ...rows.slice(0, at + 1)];
          const hit = order.find((r) => titleOf(r.id).toLowerCase().startsWith(key));
          if (hit) go(hit.id);
        }
    }
  }

  if (!forest) return null;
  const ctx: TreeItemContext = {
    forest,
    treeId,
    currentId,
    focusedId: tabStop,
    isExpanded: expanded.isExpanded,
    toggle: (id) => expanded.setOpen(id, !expanded.isExpanded(id)),
    onOpened: () => onOpened?.(),
    menuFor,
    openMenu: setMenuFor,
    closeMenu,
    actionsFor,
    createUnder: (id) => void createUnder(id),
    canHold,
    canMove,
    busyId,
    error,
    dragging: drag.dragging,
    target: drag.target,
    rowProps: drag.rowProps,
  };
  const top = childrenOf(forest, null);

  return (
    <div>
      <p id={hintId} className="sr-only">
        Arrow keys move between pages, Enter opens one. Shift+F10 opens a page’s actions; Alt+Shift+arrow keys move the page.
      </p>
      <ul
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA tree pattern on nested lists (sub-pages are groups inside items)
        role="tree"
        aria-label="Pages"
        aria-describedby={hintId}
        data-testid="page-tree"
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const id = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.pageId;
          if (id) setFocusedId(id);
        }}
        className="space-y-px"
      >
        {top.map((id, i) => (
          <PageTreeItem key={id} id={id} level={1} posInSet={i + 1} setSize={top.length} ctx={ctx} />
        ))}
      </ul>
      {drag.dragging && (
        <div
          {...drag.endProps}
          data-testid="page-tree-drop-end"
          className={`mt-1 rounded-md border border-dashed px-2 py-2 text-xs ${
            drag.target?.kind === "end"
              ? "border-indigo-500 text-indigo-700 dark:text-indigo-300"
              : "border-zinc-300 text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
          }`}
        >
          Drop here to move to the top level
        </div>
      )}
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
      <MovePageDialog
        forest={forest}
        pageId={moving}
        onClose={() => setMoving(null)}
        onMove={async (input) => {
          const id = moving;
          if (!id) return;
          await tree.move(id, input);
          if (input.parentId) expanded.setOpen(input.parentId, true);
          setAnnouncement(`Moved “${titleOf(id)}” ${input.parentId ? `into “${titleOf(input.parentId)}”` : "to the top level"}.`);
          setMoving(null);
          focusAfterRender.current = id;
        }}
      />
    </div>
  );
}
