// Reading and placing pages in the tree (Document.parentId, Document.position), shared by the pages
// module, the trash and document creation. Positions are floats: a page placed between two siblings
// takes the midpoint; when the gap gets too small to split, the siblings are renumbered 1, 2, 3 …
// Writes go through raw UPDATEs so that placing a page does not count as editing it (updatedAt kept).
import type { Db } from "../db/client";
import { MAX_DEPTH, type Tx } from "./inheritedAccess";
import { conflict } from "./errors";

type Reader = Db | Tx;

/** Smaller than this, a gap between two siblings is renumbered rather than split again. */
export const MIN_GAP = 1e-9;

const siblingOrder = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

/** Where a page appended under `parentId` goes: after the last of its siblings. */
export async function nextPosition(db: Reader, parentId: string | null): Promise<number> {
  const { _max } = await db.document.aggregate({ where: { parentId }, _max: { position: true } });
  return (_max.position ?? 0) + 1;
}

/** Every page under `pageId` (not itself), nearest first; `where` narrows them (only live ones, say). */
export async function descendantIds(db: Reader, pageId: string, where: { deletedAt?: Date | null } = {}): Promise<string[]> {
  const out: string[] = [];
  let level = [pageId];
  for (let depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
    const rows = await db.document.findMany({ where: { parentId: { in: level }, ...where }, select: { id: true } });
    level = rows.map((r) => r.id);
    out.push(...level);
  }
  return out;
}

/** True when `candidateId` is `pageId` or lies under it (moving `pageId` there would make a cycle). */
export async function isSelfOrUnder(db: Reader, pageId: string, candidateId: string): Promise<boolean> {
  let current: string | null = candidateId;
  for (let depth = 0; current !== null && depth <= MAX_DEPTH; depth++) {
    if (current === pageId) return true;
    const row: { parentId: string | null } | null = await db.document.findUnique({ where: { id: current }, select: { parentId: true } });
    current = row?.parentId ?? null;
  }
  return current !== null; // deeper than MAX_DEPTH: refuse rather than risk a cycle
}

/**
 * The position for `pageId` under `parentId`, in front of `beforeId` (null: last). Renumbers the
 * siblings when the gap in front of `beforeId` is too small to split.
 */
export async function placeAmong(tx: Tx, pageId: string, parentId: string | null, beforeId: string | null): Promise<number> {
  const siblings = await tx.document.findMany({
    where: { parentId, id: { not: pageId }, deletedAt: null },
    select: { id: true, position: true },
    orderBy: siblingOrder,
  });
  if (beforeId === null) return (siblings.at(-1)?.position ?? 0) + 1;
  const at = siblings.findIndex((s) => s.id === beforeId);
  if (at < 0) throw conflict("The page to put it in front of is not under that parent.", "beforeId");
  const hi = siblings[at]!.position;
  const lo = at > 0 ? siblings[at - 1]!.position : hi - 2;
  const mid = (lo + hi) / 2;
  if (hi - lo > MIN_GAP && mid > lo && mid < hi) return mid;
  // Too close to split: 1, 2, 3 … with the slot in front of `beforeId` left free.
  let n = 1;
  for (const [k, s] of siblings.entries()) {
    if (k === at) n++;
    await tx.$executeRaw`UPDATE "Document" SET "position" = ${n} WHERE "id" = ${s.id}`;
    n++;
  }
  return at + 1;
}

/** Puts the page at its new place without touching updatedAt (a move is not an edit). */
export async function setPlace(tx: Tx, pageId: string, parentId: string | null, position: number): Promise<void> {
  await tx.$executeRaw`UPDATE "Document" SET "parentId" = ${parentId}, "position" = ${position} WHERE "id" = ${pageId}`;
}

export { siblingOrder };
