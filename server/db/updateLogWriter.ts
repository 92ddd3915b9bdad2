// The write side of collaborative editing's storage: appending rows to the DocumentUpdate log, and
// compaction (the log folded into Document.snapshot). DocumentStore decides when; this decides how.
// On SQLite, prepared better-sqlite3 statements do both for a fraction of the CPU of Prisma queries
// (the bench profile showed Prisma's per-query work, not the disk, dominating the server's CPU per
// delivered edit). The tables are still defined and migrated by Prisma; reads go through Prisma.
import Database from "better-sqlite3";
import * as Y from "yjs";
import type { Db } from "./client";
import type { Config } from "../config";

export type UpdateRow = { documentId: string; data: Uint8Array };

export interface UpdateLogWriter {
  append(rows: UpdateRow[]): Promise<void>;
  /**
   * Replaces the document's log by `state` in one transaction. The caller guarantees that `state`
   * includes every row this process appended for the document (writes are serialized). Does nothing
   * when the document was deleted meanwhile.
   */
  compact(documentId: string, state: Uint8Array): Promise<void>;
  close(): void;
}

const bytes = (u: Uint8Array) => u as Uint8Array<ArrayBuffer>;

/**
 * Prisma on any database. `sharedLog`: other instances append to the same logs (hosted mode), so the
 * snapshot is the merge of what is stored and our state, and exactly the rows merged are deleted —
 * never all rows, which could include one another instance committed meanwhile.
 */
export function prismaUpdateLogWriter(db: Db, { sharedLog = false } = {}): UpdateLogWriter {
  return {
    async append(rows) {
      await db.documentUpdate.createMany({ data: rows.map((r) => ({ documentId: r.documentId, data: bytes(r.data) })) });
    },
    async compact(documentId, state) {
      await db.$transaction(async (tx) => {
        const doc = await tx.document.findUnique({ where: { id: documentId }, select: { id: true, snapshot: sharedLog } });
        if (!doc) return; // deleted meanwhile
        const rows = await tx.documentUpdate.findMany({ where: { documentId }, select: { id: true, data: sharedLog } });
        let merged = state;
        if (sharedLog) {
          const parts: Uint8Array[] = [state];
          if (doc.snapshot && doc.snapshot.byteLength > 0) parts.push(doc.snapshot);
          for (const row of rows) parts.push(row.data!);
          if (parts.length > 1) merged = Y.mergeUpdates(parts);
        }
        await tx.document.update({ where: { id: documentId }, data: { snapshot: bytes(merged) } });
        if (rows.length > 0) await tx.documentUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      });
    },
    close() {},
  };
}

/** SQLite, one process (the embedded default): the serial write queue makes "delete every row" exact. */
export function sqliteUpdateLogWriter(file: string): UpdateLogWriter {
  const connection = new Database(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("busy_timeout = 5000");
  const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  const insert = connection.prepare('INSERT INTO "DocumentUpdate" ("documentId", "data") VALUES (?, ?)');
  const insertAll = connection.transaction((rows: UpdateRow[]) => {
    for (const row of rows) insert.run(row.documentId, buffer(row.data));
  });
  const setSnapshot = connection.prepare('UPDATE "Document" SET "snapshot" = ? WHERE "id" = ?');
  const deleteLog = connection.prepare('DELETE FROM "DocumentUpdate" WHERE "documentId" = ?');
  const replaceLog = connection.transaction((documentId: string, state: Uint8Array) => {
    if (setSnapshot.run(buffer(state), documentId).changes === 0) return; // deleted meanwhile
    deleteLog.run(documentId);
  });
  return {
    async append(rows) {
      insertAll(rows);
    },
    async compact(documentId, state) {
      replaceLog(documentId, state);
    },
    close() {
      connection.close();
    },
  };
}

export function createUpdateLogWriter(config: Config, db: Db, { sharedLog }: { sharedLog: boolean }): UpdateLogWriter {
  const sqliteFile = config.databaseKind === "sqlite" ? config.databaseUrl.slice("file:".length) : null;
  return sqliteFile && !sharedLog ? sqliteUpdateLogWriter(sqliteFile) : prismaUpdateLogWriter(db, { sharedLog });
}
