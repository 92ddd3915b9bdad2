// The SQLite update log, written from a worker thread. On the main thread, a commit now and then
// waits for the disk (a WAL checkpoint copies pages back and syncs), and a compaction writes the whole
// document and deletes its log: the bench measured such writes blocking the event loop for 4-16 ms
// each, and every broadcast in flight waited. Here the main thread only posts a batch and awaits the
// answer; new updates gather for the next batch meanwhile (the group commit in DocumentStore).
// The worker is sqliteLogWorker.ts; the messages are typed in sqliteLogProtocol.ts.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { UpdateLogWriter } from "./updateLogWriter";
import { pack, type LogReply, type LogRequest, type LogWorkerData } from "./sqliteLogProtocol";

/** Distributive, so each request keeps its own fields once the id is taken off. */
type Request = LogRequest extends infer R ? (R extends LogRequest ? Omit<R, "id"> : never) : never;

/**
 * The worker's entry. From the bundle (dist/server/index.mjs) it is the compiled sqliteLogWorker.mjs
 * that scripts/build-server.mjs writes beside it; from the sources (tsx, Vitest) it is the .ts file,
 * started through workerFromSource.mjs, which loads tsx first.
 */
function startWorker(workerData: LogWorkerData): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(fromSource ? "./sqliteLogWorker.ts" : "./sqliteLogWorker.mjs", import.meta.url);
  // Missing, the worker would fail after start and every write with it: refuse to start instead.
  if (!fs.existsSync(entry)) throw new Error(`The update log worker ${fileURLToPath(entry)} is missing: rebuild with \`node scripts/build-server.mjs\`.`);
  if (!fromSource) return new Worker(entry, { workerData });
  return new Worker(new URL("./workerFromSource.mjs", import.meta.url), { workerData: { ...workerData, tsWorkerEntry: entry.href } });
}

/** SQLite, one process (the embedded default): writes are serialized, so "delete every log row" is exact. */
export function sqliteThreadUpdateLogWriter(file: string): UpdateLogWriter {
  const worker = startWorker({ file });
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
  worker.on("message", (reply: LogReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) p?.resolve();
    else p?.reject(new Error(`update log write failed: ${reply.message}`));
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the update log thread stopped (exit code ${code})`)));

  function call(request: Request, transfer: ArrayBuffer[] = []): Promise<void> {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise<void>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies LogRequest, transfer);
    });
  }

  return {
    ready: () => call({ op: "ready" }),
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
      const closing = call({ op: "close" });
      failure = new Error("the update log writer is closed");
      await closing.catch(() => {});
      await worker.terminate();
    },
  };
}
