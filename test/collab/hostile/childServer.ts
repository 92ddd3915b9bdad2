// A Tandem server in a child process with its own data directory, for hostile-input tests that
// restart it, kill it, and read its memory and open descriptors from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { freshDatabase } from "../../helpers/server";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export type ChildServer = { child: ChildProcess; url: string; collabUrl: string };

/** Where a child server keeps its data: a new directory, and in the PostgreSQL pass a new database too. */
export type Storage = { dataDir: string; databaseUrl?: string };

const created: Array<() => Promise<void>> = [];

export async function newStorage(): Promise<Storage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-hostile-"));
  const database = await freshDatabase(); // undefined unless TEST_POSTGRES_URL (the PostgreSQL pass)
  created.push(async () => {
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir, databaseUrl: database?.url };
}

/** Drops every directory and database `newStorage` made (after the servers using them stopped). */
export async function dropStorages(): Promise<void> {
  for (const drop of created.splice(0)) await drop().catch(() => {});
}

export function startChildServer(storage: Storage, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/collab/serverProcess.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: storage.dataDir,
      ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = /^READY (\S+)/.exec(line);
      if (match) resolve({ child, url: match[1], collabUrl: match[1].replace(/^http/, "ws") + "/collab" });
    });
    child.once("exit", (code) => reject(new Error(`server process exited early (${code})`)));
  });
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** Open file descriptors of a process (sockets included). */
export function openDescriptors(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/** Resident memory of a process, MiB. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}
