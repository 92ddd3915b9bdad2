// Where the embedded SQLite database lives. Shared by the server and the Prisma CLI config,
// so `prisma migrate deploy` and the running server always agree on the file.
import path from "node:path";
import fs from "node:fs";

export function sqliteFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (url?.startsWith("file:")) return url.slice("file:".length);
  const dataDir = path.resolve(env.DATA_DIR || "./data");
  fs.mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, "tandem.db");
}
