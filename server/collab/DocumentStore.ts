// Durable Yjs documents: `Document.snapshot` (compacted state) plus the append-only `DocumentUpdate` log.
// Accepted updates are group-committed: they wait a few milliseconds so that one INSERT carries many
// keystrokes (of any documents), and every write goes through one serial queue, which makes
// compaction exact: it deletes precisely the log rows written before the state it saves.
import * as Y from "yjs";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import { prismaUpdateLogWriter, type UpdateLogWriter } from "../db/updateLogWriter";

type PendingUpdate = { documentId: string; data: Uint8Array<ArrayBuffer>; queuedAt: number };

/** Bytes in a buffer of their own: what the driver stores, whatever view Yjs handed us. */
function ownBytes(u: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = u.buffer instanceof ArrayBuffer && u.byteOffset === 0 && u.byteLength === u.buffer.byteLength;
  return whole ? (u as Uint8Array<ArrayBuffer>) : new Uint8Array(u);
}

/** One log row per document per batch: fewer rows to write now and to read at load. */
function mergePerDocument(updates: PendingUpdate[]): Array<{ documentId: string; data: Uint8Array<ArrayBuffer> }> {
  const byDocument = new Map<string, Uint8Array[]>();
  for (const u of updates) {
    const list = byDocument.get(u.documentId);
    if (list) list.push(u.data);
    else byDocument.set(u.documentId, [u.data]);
  }
  return [...byDocument].map(([documentId, parts]) => ({
    documentId,
    data: ownBytes(parts.length === 1 ? parts[0] : Y.mergeUpdates(parts)),
  }));
}

export type StoreStats = {
  /** INSERT batches written, and the updates they carried. */
  batches: number;
  updatesWritten: number;
  /** Log rows written: a batch's updates of one document are merged into one row. */
  rowsWritten: number;
  maxBatchSize: number;
  /** Time from the oldest update of a batch arriving to its commit (ms). */
  lastCommitLatencyMs: number;
  maxCommitLatencyMs: number;
  totalCommitLatencyMs: number;
  compactions: number;
  writeErrors: number;
};

export type LoadedDocument = { state: Uint8Array | null; logRows: number };

export class DocumentStore {
  private pending: PendingUpdate[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A batch INSERT is in flight: new updates gather for the next one. */
  private writingBatch = false;
  /** Tail of the serial write queue. */
  private queue: Promise<void> = Promise.resolve();
  private queuedOps = 0;
  /** Documents deleted while some of their updates were still queued: those rows are skipped. */
  private forgotten = new Set<string>();
  private closed = false;
  readonly stats: StoreStats = {
    batches: 0,
    updatesWritten: 0,
    rowsWritten: 0,
    maxBatchSize: 0,
    lastCommitLatencyMs: 0,
    maxCommitLatencyMs: 0,
    totalCommitLatencyMs: 0,
    compactions: 0,
    writeErrors: 0,
  };

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly options: { groupCommitMs: number; maxBatchUpdates: number },
    /** Told about every committed batch (Prometheus histograms hang here). */
    private readonly onBatchCommitted?: (updates: number, latencyMs: number) => void,
    /** How log rows are appended and compacted (prepared statements on SQLite); Prisma by default. */
    private readonly writer: UpdateLogWriter = prismaUpdateLogWriter(db),
  ) {}

  /** Snapshot + log merged, or null when the document does not exist. */
  async load(documentId: string): Promise<LoadedDocument | null> {
    const [doc, rows] = await this.db.$transaction([
      this.db.document.findUnique({ where: { id: documentId }, select: { snapshot: true } }),
      this.db.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { data: true } }),
    ]);
    if (!doc) return null;
    const parts: Uint8Array[] = [];
    if (doc.snapshot && doc.snapshot.byteLength > 0) parts.push(doc.snapshot);
    for (const row of rows) parts.push(row.data);
    const state = parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
    return { state, logRows: rows.length };
  }

  /**
   * Queues an accepted update. Group commit: the first update of a batch waits at most `groupCommitMs`;
   * while a batch is being written the next one fills up and is written as soon as the disk is free,
   * so a busy server writes fewer, bigger batches instead of falling behind.
   */
  append(documentId: string, update: Uint8Array): void {
    if (this.closed) throw new Error("document store is closed");
    this.pending.push({ documentId, data: ownBytes(update), queuedAt: performance.now() });
    if (this.writingBatch) return; // cut when the batch in flight commits
    if (this.pending.length >= this.options.maxBatchUpdates) void this.cutBatch();
    else this.timer ??= setTimeout(() => void this.cutBatch(), this.options.groupCommitMs);
  }

  /** Resolves once everything appended so far is committed. */
  flush(): Promise<void> {
    return this.cutBatch();
  }

  /**
   * Replaces the log of `documentId` by `state` in one transaction. `state` must include every update
   * appended before this call (the caller encodes it synchronously, right before calling).
   */
  compact(documentId: string, state: Uint8Array): Promise<void> {
    void this.cutBatch(); // updates before `state` go first in the queue, later ones after
    return this.enqueue(() => this.writeSnapshot(documentId, state));
  }

  /** The document was deleted: drop its queued updates instead of writing them. */
  forget(documentId: string): void {
    this.pending = this.pending.filter((u) => u.documentId !== documentId);
    if (this.queuedOps > 0) this.forgotten.add(documentId);
  }

  /** Commits what is queued; later appends are refused. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.writer.close();
  }

  private cutBatch(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return this.queue;
    const batch = this.pending;
    this.pending = [];
    return this.enqueue(async () => {
      this.writingBatch = true;
      try {
        await this.writeBatch(batch);
      } finally {
        this.writingBatch = false;
        // What arrived meanwhile has waited at least as long as the write took: commit it now.
        if (this.pending.length > 0 && !this.closed) void this.cutBatch();
      }
    });
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.queuedOps++;
    const run = async () => {
      try {
        await op();
      } catch (error) {
        this.stats.writeErrors++;
        this.log.error({ err: error }, "collab store write failed");
      } finally {
        if (--this.queuedOps === 0) this.forgotten.clear();
      }
    };
    this.queue = this.queue.then(run);
    return this.queue;
  }

  private async writeBatch(batch: PendingUpdate[]): Promise<void> {
    const rows = this.forgotten.size === 0 ? batch : batch.filter((u) => !this.forgotten.has(u.documentId));
    if (rows.length === 0) return;
    const merged = mergePerDocument(rows);
    try {
      await this.writer.append(merged);
    } catch (error) {
      // Most likely one document was deleted under us: write the others document by document.
      this.log.warn({ err: error }, "collab batch failed; retrying per document");
      await this.writePerDocument(rows);
    }
    const latency = performance.now() - rows[0].queuedAt;
    const s = this.stats;
    s.batches++;
    s.updatesWritten += rows.length;
    s.rowsWritten += merged.length;
    s.maxBatchSize = Math.max(s.maxBatchSize, rows.length);
    s.lastCommitLatencyMs = latency;
    s.maxCommitLatencyMs = Math.max(s.maxCommitLatencyMs, latency);
    s.totalCommitLatencyMs += latency;
    this.onBatchCommitted?.(rows.length, latency);
  }

  private async writePerDocument(rows: PendingUpdate[]): Promise<void> {
    const byDocument = new Map<string, PendingUpdate[]>();
    for (const u of rows) byDocument.set(u.documentId, [...(byDocument.get(u.documentId) ?? []), u]);
    for (const [documentId, updates] of byDocument) {
      try {
        await this.writer.append(mergePerDocument(updates));
      } catch (error) {
        // The in-memory room still holds these updates; the next compaction writes them.
        this.stats.writeErrors++;
        this.log.error({ err: error, documentId, updates: updates.length }, "collab updates not written");
      }
    }
  }

  private async writeSnapshot(documentId: string, state: Uint8Array): Promise<void> {
    if (this.forgotten.has(documentId)) return;
    await this.writer.compact(documentId, state);
    this.stats.compactions++;
  }
}
