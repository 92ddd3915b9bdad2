// Prisma CLI configuration: the Rust-free setup that works offline (see ../shared/TOOLCHAIN.md).
// DATABASE_URL picks the database: a postgres:// URL selects the generated PostgreSQL schema and its own
// migrations (prisma/postgres/), anything else the embedded SQLite file under DATA_DIR.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFileFromEnv } from "./server/db/location";

const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

export default defineConfig({
  schema: isPostgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: isPostgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    if (isPostgres) {
      const { createCliPostgresAdapter } = await import("./server/db/postgresCli");
      return createCliPostgresAdapter(process.env.DATABASE_URL!);
    }
    return new PrismaBetterSQLite3({ url: sqliteFileFromEnv() });
  },
});
