// Prisma CLI configuration: the Rust-free setup that works offline (see ../shared/TOOLCHAIN.md).
// The CLI talks to the same database the server will use, chosen by DATABASE_URL / DATA_DIR.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFileFromEnv } from "./server/db/location";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqliteFileFromEnv() });
  },
});
