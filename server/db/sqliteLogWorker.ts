// The update-log worker thread: prepared better-sqlite3 statements on its own connection to the
// server's SQLite file, each request one transaction. Started by sqliteLogThread.ts; bundled by
// scripts/build-server.mjs as its own entry (dist/server/sqliteLogWorker.mjs), run from this source
// under tsx in development and tests (workerFromSource.mjs).
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { UPDATE_LOG_SQL } from "./logTables";
import { unpack, type LogReply, type LogRequest, type LogWorkerData, type PackedRows } from "./sqliteLogProtocol";

const port = parentPort;
if (!port) throw new Error("sqliteLogWorker runs as a worker thread (see sqliteLogThread.ts)");

const { file } = workerData as LogWorkerData;
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare<[string, Buffer]>(UPDATE_LOG_SQL.append);
const setSnapshot = db.prepare<[Buffer, string]>(UPDATE_LOG_SQL.setSnapshot);
const deleteLog = db.prepare<[string]>(UPDATE_LOG_SQL.deleteLog);

/** One transaction for the whole batch: the group commit's one disk sync. */
const append = db.transaction((rows: PackedRows) => {
  for (const [documentId, data] of unpack(rows)) insert.run(documentId, data);
});

const compact = db.transaction((documentId: string, state: Uint8Array) => {
  const snapshot = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  if (setSnapshot.run(snapshot, documentId).changes === 0) return; // deleted meanwhile
  deleteLog.run(documentId);
});

function handle(request: LogRequest): void {
  switch (request.op) {
    case "append":
      return append(request);
    case "compact":
      return compact(request.documentId, request.state);
    case "close":
      db.close();
      return;
    case "ready":
      return; // the database opened when this module loaded

    default:
      throw new Error(`unknown update log request ${JSON.stringify(request satisfies never)}`);
  }
}

port.on("message", (request: LogRequest) => {
  let reply: LogReply;
  try {
    handle(request);
    reply = { id: request.id, ok: true };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  if (request.op === "close" && reply.ok) port.close();
});
