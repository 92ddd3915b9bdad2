// Durable Yjs documents: `Document.snapshot` (compacted state) plus the append-only `DocumentUpdate` log.
// Accepted updates are group-committed: they wait a few milliseconds so that one transaction carries
// many keystrokes (of any documents), and every write goes through one serial queue, which makes
// compaction exact: it deletes precisely the log rows written before the state it saves.
// Each update is its own log row. Merging a batch's updates first (Y.mergeUpdates) saved rows but cost
// about 40 µs per update on the event loop, and more than linearly for big batches; compaction folds
// the rows into the snapshot anyway.
import type { Db } from "../db/client";
import type { Logger } from "../log";
import { prismaUpdateLogWriter, type UpdateLogWriter } from "../db/updateLogWriter";

/** `seq`: the update's number in the order appended (all documents), which onStored reports. */
type PendingUpdate = { documentId: string; data: Uint8Array; queuedAt: number; seq: number };

export type StoreStats = {
  /** INSERT batches written, and the updates they carried. */
  batches: number;
  updatesWritten: number;
  maxBatchSize: number;
  /** Most updates that were waiting for the disk at once (queued or being written). */
  maxBacklog: number;
  /** Times the backlog reached the high-water mark and reading from the network was paused. */
  congestions: number;
  /** Time from the oldest update of a batch arriving to its commit (ms). */
  lastCommitLatencyMs: number;
  maxCommitLatencyMs: number;
  totalCommitLatencyMs: number;
  compactions: number;
  writeErrors: number;
  /** Stored parts set aside because they failed to load (see QuarantinedUpdate). */
  quarantined: number;
};

/** A stored part that failed to load: the snapshot, a log row (by id), or the structs left pending. */
export type QuarantineItem =
  | { source: "snapshot"; data: Uint8Array; reason: string }
  | { source: "log"; rowId: number; data: Uint8Array; reason: string }
  | { source: "pending"; data: Uint8Array; reason: string };

/** The snapshot (when there is one) followed by the log rows, oldest first: apply them in this order. */
export type LoadedDocument = {
  updates: Uint8Array[];
  logRows: number;
  /** Where each of `updates` came from: "snapshot" or the log row's id. */
  sources: Array<"snapshot" | number>;
};

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
  /** Updates appended and not yet written (or dropped). */
  private backlog = 0;
  private congested = false;
  /**
   * Told when the backlog reaches `backlogHighWater` (true) and when it is back to half of it (false):
   * the collab channel stops reading frames meanwhile, so a disk that cannot keep up slows the writers
   * down (their frames wait in TCP buffers) instead of growing this process's memory without bound.
   */
  onCongestion: ((congested: boolean) => void) | undefined;
  /**
   * Told after each commit, per document of the batch, the sequence number of its last update in it
   * (`stored` true), or that its updates failed to be written (`stored` false): the durable
   * acknowledgements (server/collab/durableAcks.ts). Per document the numbers only grow.
   */
  onStored: ((documentId: string, throughSeq: number, stored: boolean) => void) | undefined;
  private lastSeq = 0;
  readonly stats: StoreStats = {
    batches: 0,
    updatesWritten: 0,
    maxBatchSize: 0,
    maxBacklog: 0,
    congestions: 0,
    lastCommitLatencyMs: 0,
    maxCommitLatencyMs: 0,
    totalCommitLatencyMs: 0,
    compactions: 0,
    writeErrors: 0,
    quarantined: 0,
  };

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly options: { groupCommitMs: number; maxBatchUpdates: number; backlogHighWater: number },
    /** Told about every committed batch (Prometheus histograms hang here). */
    private readonly onBatchCommitted?: (updates: number, latencyMs: number) => void,
    /** How log rows are appended and compacted (prepared statements on SQLite); Prisma by default. */
    private readonly writer: UpdateLogWriter = prismaUpdateLogWriter(db),
  ) {}

  /** Snapshot and log rows, or null when the document does not exist or is in the trash (nothing opens it there). */
  async load(documentId: string): Promise<LoadedDocument | null> {
    const [doc, rows] = await this.db.$transaction([
      this.db.document.findUnique({ where: { id: documentId, deletedAt: null }, select: { snapshot: true } }),
      this.db.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { id: true, data: true } }),
    ]);
    if (!doc) return null;
    // Not merged here: Y.mergeUpdates grows faster than linearly with the number of rows, while
    // applying them one after the other to a Y.Doc does not.
    const updates: Uint8Array[] = [];
    const sources: LoadedDocument["sources"] = [];
    if (doc.snapshot && doc.snapshot.byteLength > 0) {
      updates.push(doc.snapshot);
      sources.push("snapshot");
    }
    for (const row of rows) {
      updates.push(row.data);
      sources.push(row.id);
    }
    return { updates, logRows: rows.length, sources };
  }

  /**
   * Queues an accepted update. Group commit: the first update of a batch waits `groupCommitMs` (or
   * until `maxBatchUpdates` are waiting); while a batch is being written the next one fills up and is
   * written once the disk is free and its window has passed, so a busy server writes fewer, bigger
   * batches instead of falling behind, and a fast disk does not commit every update on its own.
   */
  append(documentId: string, update: Uint8Array): number {
    if (this.closed) throw new Error("document store is closed");
    const seq = ++this.lastSeq;
    this.pending.push({ documentId, data: update, queuedAt: performance.now(), seq });
    if (++this.backlog > this.stats.maxBacklog) this.stats.maxBacklog = this.backlog;
    if (!this.congested && this.backlog >= this.options.backlogHighWater) {
      this.congested = true;
      this.stats.congestions++;
      this.onCongestion?.(true);
    }
    if (this.writingBatch) return seq; // cut when the batch in flight commits
    if (this.pending.length >= this.options.maxBatchUpdates) void this.cutBatch();
    else this.timer ??= setTimeout(() => void this.cutBatch(), this.options.groupCommitMs);
    return seq;
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

  /**
   * Sets stored parts aside that failed to load: copied into QuarantinedUpdate with the reason, and
   * taken out of the log (or the snapshot cleared) in one transaction, in the write queue's order.
   * The caller compacts afterwards, so the document's stored state is its clean state in memory.
   */
  quarantine(documentId: string, items: QuarantineItem[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    this.stats.quarantined += items.length;
    for (const item of items) {
      this.log.error({ documentId, source: item.source, bytes: item.data.byteLength, reason: item.reason }, "stored collab data set aside");
    }
    return this.enqueue(async () => {
      const rowIds = items.flatMap((item) => (item.source === "log" ? [item.rowId] : []));
      await this.db.$transaction([
        this.db.quarantinedUpdate.createMany({
          data: items.map((item) => ({ documentId, source: item.source, data: new Uint8Array(item.data), reason: item.reason.slice(0, 500) })),
        }),
        ...(rowIds.length > 0 ? [this.db.documentUpdate.deleteMany({ where: { id: { in: rowIds } } })] : []),
        ...(items.some((item) => item.source === "snapshot") ? [this.db.document.updateMany({ where: { id: documentId }, data: { snapshot: null } })] : []),
      ]);
    });
  }

  /** The document was deleted: drop its queued updates instead of writing them. */
  forget(documentId: string): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((u) => u.documentId !== documentId);
    this.written(before - this.pending.length);
    if (this.queuedOps > 0) this.forgotten.add(documentId);
  }

  /** Resolves once the log writer can write (the SQLite worker opened its database). */
  ready(): Promise<void> {
    return this.writer.ready();
  }

  /** Commits what is queued; later appends are refused. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.writer.close();
  }

  /**
   * Queues everything pending, in batches of at most maxBatchUpdates (one big batch would hold up the
   * writer and the backlog behind it). All of it, not just one batch: compaction relies on every update
   * appended before it being written before the snapshot that contains it.
   */
  private cutBatch(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    const max = this.options.maxBatchUpdates;
    for (let start = 0; start < pending.length; start += max) {
      const batch = pending.length <= max ? pending : pending.slice(start, start + max);
      this.enqueue(async () => {
        this.writingBatch = true;
        try {
          await this.writeBatch(batch);
        } finally {
          this.writingBatch = false;
          this.written(batch.length);
          if (this.pending.length > 0 && !this.closed) this.scheduleNextBatch();
        }
      });
    }
    return this.queue;
  }

  /**
   * A batch committed and more updates arrived meanwhile. They are cut once the oldest has waited the
   * group-commit window (at once if it already has, or if a full batch is waiting). Cutting them at
   * once instead made a fast disk commit almost every update on its own: at 1,000 updates/s with
   * sub-millisecond commits the bench saw batches of one or two, each a transaction, a disk sync and
   * two thread messages, for the same durability (an acknowledgement waits for its commit either way).
   */
  private scheduleNextBatch(): void {
    const waited = performance.now() - this.pending[0].queuedAt;
    const wait = this.options.groupCommitMs - waited;
    if (wait <= 0 || this.pending.length >= this.options.maxBatchUpdates) void this.cutBatch();
    else this.timer ??= setTimeout(() => void this.cutBatch(), wait);
  }

  /** `count` updates left the backlog (written, failed, or dropped with their document). */
  private written(count: number): void {
    this.backlog -= count;
    if (this.congested && this.backlog <= this.options.backlogHighWater / 2) {
      this.congested = false;
      this.onCongestion?.(false);
    }
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
    try {
      await this.writer.append(rows);
      this.tellStored(rows, true);
    } catch (error) {
      // Most likely one document was deleted under us: write the others document by document.
      this.log.warn({ err: error }, "collab batch failed; retrying per document");
      await this.writePerDocument(rows);
    }
    const latency = performance.now() - rows[0].queuedAt;
    const s = this.stats;
    s.batches++;
    s.updatesWritten += rows.length;
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
        await this.writer.append(updates);
        this.tellStored(updates, true);
      } catch (error) {
        // The in-memory room still holds these updates; the next compaction writes them.
        this.tellStored(updates, false);
        this.stats.writeErrors++;
        this.log.error({ err: error, documentId, updates: updates.length }, "collab updates not written");
      }
    }
  }

  /** onStored for each document of `rows` (committed, or failed), with its last sequence number among them. */
  private tellStored(rows: PendingUpdate[], stored: boolean): void {
    const tell = this.onStored;
    if (!tell) return;
    const last = new Map<string, number>();
    for (const row of rows) last.set(row.documentId, row.seq); // rows are in sequence order
    for (const [documentId, seq] of last) {
      try {
        tell(documentId, seq, stored);
      } catch (err) {
        this.log.error({ err, documentId }, "collab stored-listener failed");
      }
    }
  }

  private async writeSnapshot(documentId: string, state: Uint8Array): Promise<void> {
    if (this.forgotten.has(documentId)) return;
    await this.writer.compact(documentId, state);
    this.stats.compactions++;
  }
}
