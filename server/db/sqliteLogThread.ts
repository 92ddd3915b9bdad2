// The SQLite update log, written from a worker thread. A commit waits for the disk (the WAL is synced
// on every commit, and a checkpoint now and then copies pages back): done on the main thread, every
// such wait stalled every broadcast in flight. Here the main thread only posts a batch and awaits the
// answer, and new updates gather for the next batch meanwhile (the group commit in DocumentStore).
//
// The worker's code is a short plain-JavaScript string, run with `eval`: the same code then works
// from the TypeScript sources (tsx, Vitest) and from the compiled bundle, with no second entry point.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { UpdateLogWriter, UpdateRow } from "./updateLogWriter";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare('INSERT INTO "DocumentUpdate" ("documentId", "data") VALUES (?, ?)');
const setSnapshot = db.prepare('UPDATE "Document" SET "snapshot" = ? WHERE "id" = ?');
const deleteLog = db.prepare('DELETE FROM "DocumentUpdate" WHERE "documentId" = ?');
const bytes = (u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const append = db.transaction((rows) => { for (const r of rows) insert.run(r.documentId, bytes(r.data)); });
const compact = db.transaction((documentId, state) => {
  if (setSnapshot.run(bytes(state), documentId).changes === 0) return; // deleted meanwhile
  deleteLog.run(documentId);
});
parentPort.on("message", (m) => {
  try {
    if (m.op === "append") append(m.rows);
    else if (m.op === "compact") compact(m.documentId, m.state);
    else if (m.op === "close") { db.close(); parentPort.postMessage({ id: m.id, ok: true }); process.exit(0); }
    parentPort.postMessage({ id: m.id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id: m.id, ok: false, message: String(error && error.message || error) });
  }
});
`;

type Reply = { id: number; ok: boolean; message?: string };

/** SQLite, one process (the embedded default): the serial write queue makes "delete every row" exact. */
export function sqliteThreadUpdateLogWriter(file: string): UpdateLogWriter {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  // Only a write in flight keeps the process alive (so shutdown waits for it); an idle writer does not.
  worker.unref();
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | null = null;

  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (reply: Reply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) p?.resolve();
    else p?.reject(new Error(`update log write failed: ${reply.message}`));
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the update log thread stopped (exit code ${code})`)));

  function call(message: Record<string, unknown>): Promise<void> {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise<void>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  return {
    append: (rows: UpdateRow[]) => call({ op: "append", rows }),
    compact: (documentId: string, state: Uint8Array) => call({ op: "compact", documentId, state }),
    close() {
      // DocumentStore closes after its last write committed: nothing is pending by now.
      if (!failure) void call({ op: "close" }).catch(() => {});
    },
  };
}
