// A real SQLite database in a temp directory, migrated like the server does, for store/manager tests.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config";
import { createDb, type Db } from "../../server/db/client";
import { migrateDatabase } from "../../server/db/migrate";
import { createLogger } from "../../server/log";

export type TestDb = { db: Db; dataDir: string; close(): Promise<void>; createDocument(): Promise<string> };

export async function openTestDb(): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-collab-"));
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  await migrateDatabase(config);
  const db = await createDb(config);
  const ownerId = crypto.randomUUID();
  await db.user.create({ data: { id: ownerId, email: `${ownerId}@example.com`, name: "Owner", passwordHash: "x" } });
  return {
    db,
    dataDir,
    async createDocument() {
      const id = crypto.randomUUID();
      await db.document.create({ data: { id, title: "Test", ownerId, memberships: { create: { userId: ownerId, role: "owner" } } } });
      return id;
    },
    async close() {
      await db.$disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const silentLog = createLogger("silent");
