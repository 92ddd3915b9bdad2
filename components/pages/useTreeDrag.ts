// Drag and drop in the page tree (HTML5): a drop on the middle of a row makes the page its last
// sub-page, on its top or bottom edge puts it before or after that row. What the drop would do is
// worked out by lib/pageTree while dragging, so the indicator shows it (or shows it is refused).
"use client";
import { type DragEvent, useCallback, useState } from "react";
import { type DropZone, type PageForest, type PlannedMove, planDrop, planDropAtEnd } from "@/lib/pageTree";

const PAGE_TYPE = "application/x-tandem-page";
const EDGE = 0.28; // share of a row's height, top and bottom, that means "between rows"

export type DropTarget = { kind: "row"; id: string; zone: DropZone; refused: boolean } | { kind: "end"; refused: boolean };

type Handlers = {
  /** A planned move to send (the tree shows it when it lands). */
  onMove: (id: string, plan: Extract<PlannedMove, { kind: "move" }>) => void;
  /** A drop the tree cannot take, with the words to show next to the row. */
  onRefused: (id: string, reason: string) => void;
  /** May pages go inside this row (an editor or owner of it)? */
  canHold: (id: string) => boolean;
};

const isPageDrag = (e: DragEvent) => Array.from(e.dataTransfer.types).includes(PAGE_TYPE);

function zoneOf(e: DragEvent<HTMLElement>, canHold: boolean): DropZone {
  const rect = e.currentTarget.getBoundingClientRect();
  const at = (e.clientY - rect.top) / Math.max(1, rect.height);
  if (!canHold) return at < 0.5 ? "before" : "after";
  return at < EDGE ? "before" : at > 1 - EDGE ? "after" : "inside";
}

export function useTreeDrag(forest: PageForest | null, { onMove, onRefused, canHold }: Handlers) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);

  const end = useCallback(() => {
    setDragging(null);
    setTarget(null);
  }, []);

  const plan = useCallback(
    (to: { kind: "row"; id: string; zone: DropZone } | { kind: "end" }): PlannedMove =>
      !forest || !dragging ? { kind: "none" } : to.kind === "end" ? planDropAtEnd(forest, dragging) : planDrop(forest, dragging, to.id, to.zone),
    [forest, dragging],
  );

  const finish = useCallback(
    (planned: PlannedMove) => {
      const id = dragging;
      end();
      if (!id) return;
      if (planned.kind === "move") onMove(id, planned);
      if (planned.kind === "refused") onRefused(id, planned.reason);
    },
    [dragging, end, onMove, onRefused],
  );

  /** Props for a row: draggable when `movable`, and a drop target always. */
  const rowProps = (id: string, movable: boolean) => ({
    draggable: movable,
    onDragStart: (e: DragEvent<HTMLElement>) => {
      if (!movable) return;
      e.stopPropagation();
      e.dataTransfer.setData(PAGE_TYPE, id);
      e.dataTransfer.effectAllowed = "move";
      setDragging(id);
    },
    onDragEnd: end,
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!dragging || !isPageDrag(e)) return;
      e.preventDefault();
      e.stopPropagation();
      const zone = zoneOf(e, canHold(id));
      const refused = plan({ kind: "row", id, zone }).kind === "refused";
      // Still droppable when refused: the drop is where the tree says why (next to the page).
      e.dataTransfer.dropEffect = "move";
      setTarget((t) => (t?.kind === "row" && t.id === id && t.zone === zone && t.refused === refused ? t : { kind: "row", id, zone, refused }));
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!dragging || !isPageDrag(e)) return;
      e.preventDefault();
      e.stopPropagation();
      finish(plan({ kind: "row", id, zone: zoneOf(e, canHold(id)) }));
    },
  });

  /** Props for the strip under the last row: the end of the top level. */
  const endProps = {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!dragging || !isPageDrag(e)) return;
      e.preventDefault();
      const refused = plan({ kind: "end" }).kind === "refused";
      setTarget((t) => (t?.kind === "end" && t.refused === refused ? t : { kind: "end", refused }));
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!dragging || !isPageDrag(e)) return;
      e.preventDefault();
      finish(plan({ kind: "end" }));
    },
  };

  return { dragging, target, rowProps, endProps, clearTarget: () => setTarget(null) };
}
