// DocumentVersion rows: appending a version (its diff against the one before, its snapshot), listing
// them, reading the chain a version's document is rebuilt from, and removing one without breaking the
// chain (versionChain.ts). Appends and removals of one document run one after another, since each
// diffs against the latest: in this process (`serialize`), and across instances on PostgreSQL under a
// transaction-scoped advisory lock per document (so two instances' automatic versions of the same
// pause do not both land: the second finds the first and nothing new). createdAt is kept strictly
// increasing per document, the chain's order.
import crypto from "node:crypto";
import * as Y from "yjs";
import type { Db } from "../db/client";
import type { Config } from "../config";
import type { VersionKind } from "../../lib/contracts/history";
import { clientsOf, decodeClientIds, encodeClientIds, mergeDiffs, sameSnapshot } from "./versionChain";

export type VersionRow = { id: string; documentId: string; kind: VersionKind; name: string | null; createdAt: Date; clientIds: string };
export type ChainRow = VersionRow & { diff: Uint8Array; snapshot: Uint8Array };

/** Prisma's Bytes want an ArrayBuffer-backed array; Yjs' may be a view of a shared buffer. */
const bytes = (u: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(u);

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const rowFields = { id: true, documentId: true, kind: true, name: true, createdAt: true, clientIds: true } as const;
const chainOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export class VersionStore {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly databaseKind: Config["databaseKind"],
  ) {}

  /**
   * Keeps `state` (the document's full Yjs state now) as a version. With `onlyIfChanged` (automatic
   * versions), nothing is stored when the document holds exactly what the latest version holds.
   */
  append(documentId: string, state: Uint8Array, kind: VersionKind, name: string | null, onlyIfChanged: boolean): Promise<VersionRow | null> {
    return this.exclusive(documentId, async (tx) => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, state);
        const snapshot = Y.encodeSnapshot(Y.snapshot(doc));
        const last = await tx.documentVersion.findFirst({
          where: { documentId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { snapshot: true, createdAt: true },
        });
        if (onlyIfChanged && (last ? sameSnapshot(last.snapshot, snapshot) : doc.store.clients.size === 0)) return null;
        const previous = last ? Y.encodeStateVector(Y.decodeSnapshot(last.snapshot).sv) : undefined;
        const diff = Y.encodeStateAsUpdate(doc, previous);
        const now = Date.now();
        const createdAt = new Date(last ? Math.max(now, last.createdAt.getTime() + 1) : now);
        return (await tx.documentVersion.create({
          data: {
            id: crypto.randomUUID(),
            documentId,
            kind,
            name,
            createdAt,
            diff: bytes(diff),
            snapshot: bytes(snapshot),
            clientIds: encodeClientIds(clientsOf(diff)),
          },
          select: rowFields,
        })) as VersionRow;
      } finally {
        doc.destroy();
      }
    });
  }

  /** Newest first. */
  async list(documentId: string): Promise<VersionRow[]> {
    return (await this.db.documentVersion.findMany({
      where: { documentId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: rowFields,
    })) as VersionRow[];
  }

  async find(documentId: string, versionId: string): Promise<VersionRow | null> {
    return (await this.db.documentVersion.findFirst({ where: { id: versionId, documentId }, select: rowFields })) as VersionRow | null;
  }

  async rename(documentId: string, versionId: string, name: string | null): Promise<VersionRow | null> {
    const { count } = await this.db.documentVersion.updateMany({ where: { id: versionId, documentId }, data: { name } });
    return count === 0 ? null : this.find(documentId, versionId);
  }

  /** The chain in order, up to and including `until` (every version when absent). */
  async chain(documentId: string, until?: Date): Promise<ChainRow[]> {
    return (await this.db.documentVersion.findMany({
      where: { documentId, ...(until ? { createdAt: { lte: until } } : {}) },
      orderBy: chainOrder,
      select: { ...rowFields, diff: true, snapshot: true },
    })) as ChainRow[];
  }

  /** Removes a version; the one after it takes over its diff (and its contributors), so later versions still rebuild. */
  remove(documentId: string, versionId: string): Promise<boolean> {
    return this.exclusive(documentId, async (tx) => {
      const row = await tx.documentVersion.findFirst({ where: { id: versionId, documentId }, select: { createdAt: true, diff: true, clientIds: true } });
      if (!row) return false;
      const next = await tx.documentVersion.findFirst({
        where: { documentId, createdAt: { gt: row.createdAt } },
        orderBy: chainOrder,
        select: { id: true, diff: true, clientIds: true },
      });
      if (next) {
        const clients = new Set([...decodeClientIds(row.clientIds), ...decodeClientIds(next.clientIds)]);
        await tx.documentVersion.update({
          where: { id: next.id },
          data: { diff: bytes(mergeDiffs(row.diff, next.diff)), clientIds: encodeClientIds([...clients]) },
        });
      }
      await tx.documentVersion.delete({ where: { id: versionId } });
      return true;
    });
  }

  /** Automatic versions made before `cutoff`, oldest first (retention). */
  async autoBefore(cutoff: Date): Promise<{ id: string; documentId: string }[]> {
    return this.db.documentVersion.findMany({
      where: { kind: "auto", createdAt: { lt: cutoff } },
      orderBy: chainOrder,
      select: { id: true, documentId: true },
    });
  }

  /** Resolves when every append and removal started so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }

  /** `job` in a transaction that holds the document's history to itself (see the header). */
  private exclusive<T>(documentId: string, job: (tx: Tx) => Promise<T>): Promise<T> {
    return this.serialize(documentId, () =>
      this.db.$transaction(async (tx) => {
        if (this.databaseKind === "postgres") {
          // "SELECT 1 FROM": the function returns void, a type the driver adapter cannot read.
          await tx.$queryRawUnsafe("SELECT 1 FROM pg_advisory_xact_lock(hashtext($1))", `tandem:history:${documentId}`);
        }
        return job(tx);
      }),
    );
  }

  private serialize<T>(documentId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(documentId) ?? Promise.resolve()).then(job, job);
    const tail = run.catch(() => {});
    this.tails.set(documentId, tail);
    void tail.finally(() => {
      if (this.tails.get(documentId) === tail) this.tails.delete(documentId);
    });
    return run;
  }
}
