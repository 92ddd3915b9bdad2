// Applies committed migrations at start with Prisma's own `migrate deploy` (idempotent),
// so a fresh clone needs no manual migrate step. On PostgreSQL, instances starting together queue on
// Prisma's advisory lock; one whose wait times out (P1002) tries again instead of failing to start.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Config } from "../config";
import { APP_ROOT } from "../appRoot";

const require = createRequire(import.meta.url);
const LOCK_TIMEOUT_RETRIES = 5;
/** What `migrate deploy` prints when the database is up to date, with or without work done. */
const DEPLOYED = /All migrations have been successfully applied|No pending migrations to apply/;

function deployOnce(config: Config): Promise<{ ok: true } | { ok: false; output: string }> {
  const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--require", path.join(APP_ROOT, "server", "db", "prismaCliTimers.cjs"), prismaCli, "migrate", "deploy"],
      {
        cwd: APP_ROOT, // where prisma.config.ts and the migrations are
        env: { ...process.env, DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir },
      },
      (err, stdout, stderr) => resolve(!err && DEPLOYED.test(stdout) ? { ok: true } : { ok: false, output: `${stdout}\n${stderr}` }),
    );
  });
}

export async function migrateDatabase(config: Config): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await deployOnce(config);
    if (result.ok) return;
    const lockTimeout = result.output.includes("P1002");
    if (!lockTimeout || attempt > LOCK_TIMEOUT_RETRIES) {
      throw new Error(`Database migration failed:\n${result.output}`);
    }
    await new Promise((r) => setTimeout(r, 1000 * attempt)); // another instance is migrating
  }
}
