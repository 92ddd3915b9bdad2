// The hot write path of collaborative editing: appending rows to the DocumentUpdate log.
// On SQLite a prepared better-sqlite3 statement inside one transaction per batch does this for a
// fraction of the CPU of a Prisma query (the bench profile showed Prisma's per-query work dominating
// the server's CPU per delivered edit). The table is still defined and migrated by Prisma; everything
// else, including reads and compaction, goes through Prisma. PostgreSQL uses Prisma's createMany.
import Database from "better-sqlite3";
import type { Db } from "./client";
import type { Config } from "../config";

export type UpdateRow = { documentId: string; data: Uint8Array };

export interface UpdateLogWriter {
  append(rows: UpdateRow[]): Promise<void>;
  close(): void;
}

export function prismaUpdateLogWriter(db: Db): UpdateLogWriter {
  return {
    async append(rows) {
      await db.documentUpdate.createMany({ data: rows.map((r) => ({ documentId: r.documentId, data: r.data as Uint8Array<ArrayBuffer> })) });
    },
    close() {},
  };
}

export function sqliteUpdateLogWriter(file: string): UpdateLogWriter {
  const connection = new Database(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("busy_timeout = 5000");
  const insert = connection.prepare('INSERT INTO "DocumentUpdate" ("documentId", "data") VALUES (?, ?)');
  const insertAll = connection.transaction((rows: UpdateRow[]) => {
    for (const row of rows) insert.run(row.documentId, Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength));
  });
  return {
    async append(rows) {
      insertAll(rows);
    },
    close() {
      connection.close();
    },
  };
}

export function createUpdateLogWriter(config: Config, db: Db): UpdateLogWriter {
  return config.databaseKind === "sqlite" ? sqliteUpdateLogWriter(config.databaseUrl.slice("file:".length)) : prismaUpdateLogWriter(db);
}
