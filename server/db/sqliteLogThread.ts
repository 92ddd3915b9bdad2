// The SQLite update log, written from a worker thread. On the main thread, a commit now and then
// waits for the disk (a WAL checkpoint copies pages back and syncs), and a compaction writes the whole
// document and deletes its log: the bench measured such writes blocking the event loop for 4-16 ms
// each, and every broadcast in flight waited. Here the main thread only posts a batch and awaits the
// answer; new updates gather for the next batch meanwhile (the group commit in DocumentStore).
//
// A batch crosses as one packed buffer (every update's bytes end to end, plus where each ends),
// transferred rather than copied, so posting costs the same for 10 updates or 10,000.
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
const append = db.transaction((documentIds, ends, bytes) => {
  let start = 0;
  for (let i = 0; i < documentIds.length; i++) {
    insert.run(documentIds[i], Buffer.from(bytes.buffer, bytes.byteOffset + start, ends[i] - start));
    start = ends[i];
  }
});
const compact = db.transaction((documentId, state) => {
  if (setSnapshot.run(Buffer.from(state.buffer, state.byteOffset, state.byteLength), documentId).changes === 0) return; // deleted meanwhile
  deleteLog.run(documentId);
});
parentPort.on("message", (m) => {
  try {
    if (m.op === "append") append(m.documentIds, m.ends, m.bytes);
    else if (m.op === "compact") compact(m.documentId, m.state);
    else if (m.op === "close") db.close();
    parentPort.postMessage({ id: m.id, ok: true });
    if (m.op === "close") parentPort.close();
  } catch (error) {
    parentPort.postMessage({ id: m.id, ok: false, message: String((error && error.message) || error) });
  }
});
`;

type Reply = { id: number; ok: boolean; message?: string };

/** Every row's bytes in one buffer, and the offset where each ends. */
function pack(rows: UpdateRow[]): { documentIds: string[]; ends: Uint32Array; bytes: Uint8Array } {
  let total = 0;
  for (const row of rows) total += row.data.byteLength;
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(rows.length);
  let offset = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes.set(rows[i].data, offset);
    offset += rows[i].data.byteLength;
    ends[i] = offset;
  }
  return { documentIds: rows.map((r) => r.documentId), ends, bytes };
}

/** SQLite, one process (the embedded default): writes are serialized, so "delete every log row" is exact. */
export function sqliteThreadUpdateLogWriter(file: string): UpdateLogWriter {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  // Only a write in flight keeps the process alive (so shutdown waits for it); an idle writer does not.
  worker.unref();
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | null = null;

  const failAll = (error: Error) => {
    failure ??= error;
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

  function call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<void> {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise<void>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  return {
    append(rows) {
      if (rows.length === 0) return Promise.resolve();
      const packed = pack(rows);
      return call({ op: "append", ...packed }, [packed.ends.buffer as ArrayBuffer, packed.bytes.buffer as ArrayBuffer]);
    },
    compact(documentId, state) {
      const own = state.slice(); // transferred: the caller's bytes stay usable
      return call({ op: "compact", documentId, state: own }, [own.buffer as ArrayBuffer]);
    },
    async close() {
      // DocumentStore closes after its last write committed: nothing else is pending by now.
      if (failure) return;
      await call({ op: "close" }).catch(() => {});
      await worker.terminate();
    },
  };
}
