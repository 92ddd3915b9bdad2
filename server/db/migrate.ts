// Applies committed migrations at start with Prisma's own `migrate deploy` (idempotent),
// so a fresh clone needs no manual migrate step.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Config } from "../config";

const require = createRequire(import.meta.url);

export function migrateDatabase(config: Config): Promise<void> {
  const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [prismaCli, "migrate", "deploy"],
      {
        cwd: path.resolve(import.meta.dirname, "..", ".."),
        env: { ...process.env, DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir },
      },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`Database migration failed:\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
}
