// Each account's own order of its top level (TopLevelPlace): the pages it sees without a parent — its
// top-level pages and pages whose parent it cannot open. Sub-pages keep the shared order
// (Document.position, pageTree.ts): that order is the parent's content. Placed pages come first, by
// place; a page without one (new to the account) after them in the order the account got it, so a new
// page lands last for everyone who sees it, whatever order each keeps.
import type { Db } from "../db/client";
import type { Tx } from "./inheritedAccess";
import { conflict } from "./errors";

type Reader = Db | Tx;

/** A page at the account's top level and when the account got it (its membership's createdAt). */
export type TopLevelPage = { id: string; since: Date };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function placesOf(db: Reader, userId: string): Promise<Map<string, number>> {
  const rows = await db.topLevelPlace.findMany({ where: { userId }, select: { documentId: true, position: true } });
  return new Map(rows.map((r) => [r.documentId, r.position]));
}

/** The account's top-level pages in its own order. */
export async function topLevelOrder(db: Reader, userId: string, pages: readonly TopLevelPage[]): Promise<string[]> {
  const places = await placesOf(db, userId);
  const rank = (p: TopLevelPage) => places.get(p.id);
  return [...pages]
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      if (ra !== undefined && rb !== undefined) return ra - rb || byId(a.id, b.id);
      if (ra !== undefined || rb !== undefined) return ra !== undefined ? -1 : 1;
      return a.since.getTime() - b.since.getTime() || byId(a.id, b.id);
    })
    .map((p) => p.id);
}

/**
 * Writes the account's top level as `order` (what it sees now) with `pageId` put in front of
 * `beforeId` (null: last). Numbers 1, 2, 3 …: a top level is short, and only changed places are written.
 */
export async function placeAtTopLevel(tx: Tx, userId: string, order: readonly string[], pageId: string, beforeId: string | null): Promise<void> {
  const rest = order.filter((id) => id !== pageId);
  const at = beforeId === null ? rest.length : rest.indexOf(beforeId);
  if (at < 0) throw conflict("The page to put it in front of is not at your top level.", "beforeId");
  rest.splice(at, 0, pageId);
  const places = await placesOf(tx, userId);
  for (const [i, documentId] of rest.entries()) {
    const position = i + 1;
    if (places.get(documentId) === position) continue;
    await tx.topLevelPlace.upsert({ where: { userId_documentId: { userId, documentId } }, create: { userId, documentId, position }, update: { position } });
  }
}
