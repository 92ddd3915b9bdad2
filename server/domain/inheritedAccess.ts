// Inherited access of nested pages, materialised in the one access table. A sub-page that inherits
// (Document.inheritAccess) holds a copy of each of its parent's effective members as a Membership row
// with `inheritedFrom` set (the ancestor the grant was made on), so Documents.roleOf and every channel's
// check stay one indexed lookup and need no knowledge of the tree. Rules:
//  - a membership granted on the page itself (inheritedFrom null) wins over an inherited one;
//  - an ancestor's owner inherits as editor (the page's own owner is whoever made it);
//  - a page with inheritAccess false keeps only its own members, and passes only those on.
// Whenever something that decides these rows changes, the page and all its descendants are worked out
// again in one transaction, and every row that changed is announced as the usual membership event, so
// live connections that lost access end at once and role changes are handed over (liveAccess.ts).
import type { EventBus } from "../bus/bus";
import type { Role } from "../bus/events";
import type { Db } from "../db/client";
import { isWriteConflict } from "../db/writeConflict";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Actor = { id: string; name: string };

/** One account's role on one document, before and after. */
export type MembershipChange = {
  documentId: string;
  userId: string;
  previousRole: Role | null;
  role: Role | null;
  /** Made by the recomputation (not granted on the page itself): no "shared with you" notification each. */
  inherited?: boolean;
};

type Grant = { role: Role; from: string };

/** Longest chain of pages followed; deeper trees are cut here rather than looping on bad data. */
export const MAX_DEPTH = 64;

const inheritedRole = (role: Role): Role => (role === "owner" ? "editor" : role);

/**
 * Works out the inherited rows of `rootId` and every page under it, writing only the differences.
 * Explicit rows are never touched. Returns what changed, for announcing after the commit.
 */
export async function recomputeSubtree(tx: Tx, rootId: string): Promise<MembershipChange[]> {
  const root = await tx.document.findUnique({ where: { id: rootId }, select: { id: true, parentId: true, inheritAccess: true } });
  if (!root) return [];
  const changes: MembershipChange[] = [];
  // What each page of the current level would inherit: its parent's effective members.
  const fromParent = new Map<string, Map<string, Grant>>();
  fromParent.set(root.id, root.inheritAccess && root.parentId ? await effectiveOf(tx, root.parentId) : new Map());
  let level = [root];
  for (let depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
    const ids = level.map((d) => d.id);
    const rows = await tx.membership.findMany({
      where: { documentId: { in: ids } },
      select: { documentId: true, userId: true, role: true, inheritedFrom: true },
    });
    const next = await tx.document.findMany({ where: { parentId: { in: ids } }, select: { id: true, parentId: true, inheritAccess: true } });
    const effective = new Map<string, Map<string, Grant>>();
    for (const doc of level) {
      const mine = rows.filter((r) => r.documentId === doc.id);
      const eff = new Map<string, Grant>();
      for (const r of mine) if (r.inheritedFrom === null) eff.set(r.userId, { role: r.role as Role, from: doc.id });
      const wanted = doc.inheritAccess ? (fromParent.get(doc.id) ?? new Map<string, Grant>()) : new Map<string, Grant>();
      for (const r of mine) {
        if (r.inheritedFrom === null) continue;
        const want = eff.has(r.userId) ? undefined : wanted.get(r.userId);
        if (!want) {
          await tx.membership.delete({ where: { documentId_userId: { documentId: doc.id, userId: r.userId } } });
          changes.push({ documentId: doc.id, userId: r.userId, previousRole: r.role as Role, role: null, inherited: true });
          continue;
        }
        if (want.role !== r.role || want.from !== r.inheritedFrom) {
          await tx.membership.update({
            where: { documentId_userId: { documentId: doc.id, userId: r.userId } },
            data: { role: want.role, inheritedFrom: want.from },
          });
          if (want.role !== r.role) changes.push({ documentId: doc.id, userId: r.userId, previousRole: r.role as Role, role: want.role, inherited: true });
        }
        eff.set(r.userId, want);
      }
      for (const [userId, want] of wanted) {
        if (eff.has(userId)) continue;
        await tx.membership.create({ data: { documentId: doc.id, userId, role: want.role, inheritedFrom: want.from } });
        changes.push({ documentId: doc.id, userId, previousRole: null, role: want.role, inherited: true });
        eff.set(userId, want);
      }
      effective.set(doc.id, eff);
    }
    for (const child of next) fromParent.set(child.id, passOn(effective.get(child.parentId ?? "") ?? new Map()));
    level = next;
  }
  return changes;
}

/** What a page passes to its sub-pages: each effective member, owners as editors, with where it came from. */
function passOn(effective: Map<string, Grant>): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const [userId, g] of effective) out.set(userId, { role: inheritedRole(g.role), from: g.from });
  return out;
}

async function effectiveOf(tx: Tx, pageId: string): Promise<Map<string, Grant>> {
  const rows = await tx.membership.findMany({ where: { documentId: pageId }, select: { userId: true, role: true, inheritedFrom: true } });
  return passOn(new Map(rows.map((r) => [r.userId, { role: r.role as Role, from: r.inheritedFrom ?? pageId }])));
}

/** Folds changes to the same (document, account) into one: the first previous role, the last role; no-ops go. */
export function netChanges(changes: MembershipChange[]): MembershipChange[] {
  const byKey = new Map<string, MembershipChange>();
  for (const c of changes) {
    const key = `${c.documentId}\0${c.userId}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, role: c.role, inherited: Boolean(seen.inherited && c.inherited) } : c);
  }
  return [...byKey.values()].filter((c) => c.previousRole !== c.role);
}

/**
 * Two recomputations of overlapping subtrees at once (PostgreSQL, read committed) can both try to
 * insert or delete the same inherited row: the loser's transaction rolled back whole, so it runs again
 * and reads what the winner wrote. P2002: unique violation; P2025: row gone; a write conflict (P2034, or at COMMIT the adapter's own error).
 */
async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= attempts || (code !== "P2002" && code !== "P2025" && !isWriteConflict(e))) throw e;
    }
  }
}

/** The advisory lock every access recomputation holds on PostgreSQL (a fixed, arbitrary 64-bit key). */
const RECOMPUTE_LOCK = 0x7a6e_5016;

export class InheritedAccess {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly databaseKind: "sqlite" | "postgres" = "sqlite",
  ) {}

  /**
   * Runs `write` (a change to memberships or to the tree, returning the membership changes it made
   * itself) and the recomputation of `pageIds`' subtrees in one transaction, then announces the net
   * changes. What `write` returns besides is handed back.
   */
  async apply<T>(
    by: Actor,
    pageIds: string[],
    write: (tx: Tx) => Promise<{ changes: MembershipChange[]; result: T }>,
    /** Runs after the recomputation, still inside the transaction: throwing undoes everything. */
    check?: (tx: Tx) => Promise<void>,
  ): Promise<{ result: T; changes: MembershipChange[] }> {
    const run = () =>
      this.db.$transaction(async (tx) => {
        // One recomputation at a time: under read committed, one working from a parent's members read
        // before another's commit would undo that other's rows below. SQLite runs one write transaction at a time anyway.
        if (this.databaseKind === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RECOMPUTE_LOCK})`;
        const done = await write(tx);
        const all = [...done.changes];
        for (const id of pageIds) all.push(...(await recomputeSubtree(tx, id)));
        await check?.(tx);
        return { result: done.result, changes: netChanges(all) };
      });
    const { result, changes } = await withRetry(run);
    await this.announce(by, changes);
    return { result, changes };
  }

  /** Recomputes the subtrees of `pageIds` on their own (a page created, restored). */
  async recompute(by: Actor, pageIds: string[]): Promise<MembershipChange[]> {
    return (await this.apply(by, pageIds, async () => ({ changes: [], result: undefined }))).changes;
  }

  private async announce(by: Actor, changes: MembershipChange[]): Promise<void> {
    if (changes.length === 0) return;
    const ids = [...new Set(changes.map((c) => c.documentId))];
    const titles = new Map((await this.db.document.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]));
    for (const c of changes) {
      await this.bus.publish({
        type: "membership.changed",
        documentId: c.documentId,
        title: titles.get(c.documentId) ?? "",
        userId: c.userId,
        role: c.role,
        previousRole: c.previousRole,
        byUserId: by.id,
        byUserName: by.name,
        ...(c.inherited ? { inherited: true } : {}),
      });
    }
  }
}
