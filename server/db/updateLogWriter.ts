// The write side of collaborative editing's storage: appending rows to the DocumentUpdate log, and
// compaction (the log folded into Document.snapshot). DocumentStore decides when; this decides how.
// On SQLite, prepared better-sqlite3 statements on a worker thread do both (sqliteLogThread.ts): a
// fraction of the CPU of Prisma queries (the bench profile showed Prisma's per-query work dominating
// the CPU per delivered edit), and the disk is off the event loop. The tables are still defined and
// migrated by Prisma; reads go through Prisma.
import * as Y from "yjs";
import type { Db } from "./client";
import type { Config } from "../config";
import { sqliteThreadUpdateLogWriter } from "./sqliteLogThread";
import { loadStoredParts } from "../collab/safeUpdates";

export type UpdateRow = { documentId: string; data: Uint8Array };

export interface UpdateLogWriter {
  /** Resolves once the writer can write (the SQLite worker opened its database). */
  ready(): Promise<void>;
  append(rows: UpdateRow[]): Promise<void>;
  /**
   * Replaces the document's log by `state` in one transaction. The caller guarantees that `state`
   * includes every row this process appended for the document (writes are serialized). Does nothing
   * when the document was deleted meanwhile.
   */
  compact(documentId: string, state: Uint8Array): Promise<void>;
  /** Called once everything was written. Later appends and compactions reject. */
  close(): Promise<void>;
}

/** Bytes in a buffer of their own: what the driver stores, whatever view Yjs handed us. */
const bytes = (u: Uint8Array): Uint8Array<ArrayBuffer> =>
  u.buffer instanceof ArrayBuffer && u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? (u as Uint8Array<ArrayBuffer>) : new Uint8Array(u);

/**
 * Several stored states and updates as one. Applied to a Y.Doc, which is linear in the number of
 * parts, rather than Y.mergeUpdates, which is not: for a 250 KB document plus 20,000 log rows it took
 * 4.4 s against 0.13 s. Updates whose dependencies are missing are kept (encodeStateAsUpdate includes
 * the document's pending structs).
 */
export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  // The room's loader: a part that fails is left out (the loading room quarantines it), not fatal.
  // Pending structs stay in, and encodeStateAsUpdate includes them.
  const { doc } = loadStoredParts(parts);
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

/**
 * Prisma on any database. `sharedLog`: other instances append to the same logs (hosted mode), so the
 * snapshot is the merge of what is stored and our state, and exactly the rows merged are deleted —
 * never all rows, which could include one another instance committed meanwhile.
 */
export function prismaUpdateLogWriter(db: Db, { sharedLog = false } = {}): UpdateLogWriter {
  let closed = false;
  const open = () => {
    if (closed) throw new Error("the update log writer is closed");
  };
  return {
    ready: async () => {},
    async append(rows) {
      open();
      await db.documentUpdate.createMany({ data: rows.map((r) => ({ documentId: r.documentId, data: bytes(r.data) })) });
    },
    async compact(documentId, state) {
      open();
      await db.$transaction(async (tx) => {
        const doc = await tx.document.findUnique({ where: { id: documentId }, select: { id: true, snapshot: sharedLog } });
        if (!doc) return; // deleted meanwhile
        const rows = await tx.documentUpdate.findMany({ where: { documentId }, select: { id: true, data: sharedLog } });
        let merged = state;
        if (sharedLog) {
          const parts: Uint8Array[] = [state];
          if (doc.snapshot && doc.snapshot.byteLength > 0) parts.push(doc.snapshot);
          for (const row of rows) parts.push(row.data!);
          if (parts.length > 1) merged = mergeStoredUpdates(parts);
        }
        await tx.document.update({ where: { id: documentId }, data: { snapshot: bytes(merged) } });
        if (rows.length > 0) await tx.documentUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      });
    },
    async close() {
      closed = true; // the client is the process's, closed by its owner
    },
  };
}

export function createUpdateLogWriter(config: Config, db: Db, { sharedLog }: { sharedLog: boolean }): UpdateLogWriter {
  const sqliteFile = config.databaseKind === "sqlite" ? config.databaseUrl.slice("file:".length) : null;
  return sqliteFile && !sharedLog ? sqliteThreadUpdateLogWriter(sqliteFile) : prismaUpdateLogWriter(db, { sharedLog });
}
