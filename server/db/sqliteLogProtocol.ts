// What crosses between the main thread and the update-log worker (sqliteLogThread.ts ↔
// sqliteLogWorker.ts). A batch travels as one packed buffer (every update's bytes end to end, plus
// where each ends), transferred rather than copied, so posting costs the same for 10 updates or 10,000.
import type { UpdateRow } from "./updateLogWriter";

export type PackedRows = { documentIds: string[]; ends: Uint32Array; bytes: Uint8Array };

export type LogRequest =
  | ({ op: "append"; id: number } & PackedRows)
  | { op: "compact"; id: number; documentId: string; state: Uint8Array }
  | { op: "close"; id: number }
  /** Answered once the database is open: the server does not count as started before its writer is. */
  | { op: "ready"; id: number };

export type LogReply = { id: number; ok: true } | { id: number; ok: false; message: string };

/** What the worker is started with. */
export type LogWorkerData = { file: string };

/** Every row's bytes in one buffer, and the offset where each ends. */
export function pack(rows: UpdateRow[]): PackedRows {
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

/** The packed rows as (documentId, bytes) pairs; the bytes are views into the one buffer, not copies. */
export function* unpack({ documentIds, ends, bytes }: PackedRows): Generator<[string, Buffer]> {
  let start = 0;
  for (let i = 0; i < documentIds.length; i++) {
    yield [documentIds[i], Buffer.from(bytes.buffer, bytes.byteOffset + start, ends[i] - start)];
    start = ends[i];
  }
}
