// The one Prisma client of the process, on the driver adapter that matches DATABASE_URL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import type { Config } from "../config";
import type { Logger } from "../log";

export type Db = PrismaClient;

export async function createDb(config: Config, log?: Logger): Promise<Db> {
  if (config.databaseKind === "postgres") {
    // A separate client generated from the mechanically derived Postgres schema (prisma/postgres/);
    // same models, so it is used through the same type.
    const { createPostgresAdapter } = await import("./postgres");
    const { PrismaClient: PostgresClient } = await import("./generated-pg/client");
    return new PostgresClient({
      adapter: createPostgresAdapter(config.databaseUrl, (connections) =>
        log?.warn({ connections }, "shutdown cut PostgreSQL connections still checked out by abandoned transactions"),
      ),
    }) as unknown as Db;
  }
  const file = config.databaseUrl.slice("file:".length);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  // WAL: readers never block the writer; a crash of the process loses nothing committed.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  return db;
}
