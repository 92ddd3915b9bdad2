// The databases the update-log writer contract runs on: a migrated SQLite file (always), and a fresh,
// migrated PostgreSQL database in the PostgreSQL pass (TEST_POSTGRES_URL, as `npm run test:pg` sets).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config";
import { createDb, type Db } from "../../server/db/client";
import { migrateDatabase } from "../../server/db/migrate";
import { freshDatabase } from "../helpers/server";
import { openTestDb } from "../collab/testDb";

export type Backend = {
  db: Db;
  /** The SQLite file, for writers that open their own connection. */
  sqliteFile?: string;
  createDocument(): Promise<string>;
  close(): Promise<void>;
};

export async function openSqliteBackend(): Promise<Backend> {
  const t = await openTestDb();
  return { db: t.db, sqliteFile: path.join(t.dataDir, "tandem.db"), createDocument: t.createDocument, close: t.close };
}

export const postgresAvailable = Boolean(process.env.TEST_POSTGRES_URL);

export async function openPostgresBackend(): Promise<Backend> {
  const database = await freshDatabase();
  if (!database) throw new Error("TEST_POSTGRES_URL is not set");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-writer-pg-"));
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: database.url });
  await migrateDatabase(config);
  const db = await createDb(config);
  const ownerId = crypto.randomUUID();
  await db.user.create({ data: { id: ownerId, email: `${ownerId}@example.com`, name: "Owner", passwordHash: "x" } });
  return {
    db,
    async createDocument() {
      const id = crypto.randomUUID();
      await db.document.create({ data: { id, title: "Test", ownerId } });
      return id;
    },
    async close() {
      await db.$disconnect();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
