// When an open document's log is folded into its snapshot. Each open room counts its log rows; once
// they pass the threshold (and the last compaction is old enough) a compaction is queued, and the
// queue runs one per event-loop turn, off the hot path: encoding a big document takes milliseconds,
// and documents edited at the same pace reach the threshold together (the bench saw ten of them in
// one turn block the loop for over 100 ms, with every broadcast waiting).
import type { Room } from "./Room";

export type CompactionPolicy = { compactAfterUpdates: number; compactMinIntervalMs: number };

/** The log of one open room: how many rows are not in the snapshot yet, and when it was last folded. */
export class RoomLog {
  queued = false;
  lastCompactedAt = -Infinity;

  constructor(
    readonly documentId: string,
    readonly room: Room,
    /** Log rows of this document not yet folded into the snapshot. */
    public rows: number,
    private readonly scheduler: CompactionScheduler,
  ) {}

  /** One more row; compacts when the log is long, at most once per interval unless it grew ten times. */
  appended(now: number): void {
    this.rows++;
    const { compactAfterUpdates, compactMinIntervalMs } = this.scheduler.policy;
    if (this.rows >= compactAfterUpdates && (now - this.lastCompactedAt >= compactMinIntervalMs || this.rows >= 10 * compactAfterUpdates)) {
      this.scheduler.schedule(this);
    }
  }

  /** Compacts soon whatever the counts say (a long log found at load, problems set aside). */
  compactSoon(): void {
    this.scheduler.schedule(this);
  }
}

export class CompactionScheduler {
  private readonly due: RoomLog[] = [];

  constructor(
    readonly policy: CompactionPolicy,
    /** Writes `state` as the document's snapshot and deletes the log rows it covers. */
    private readonly compact: (documentId: string, state: Uint8Array) => Promise<void>,
  ) {}

  track(documentId: string, room: Room, rows: number): RoomLog {
    return new RoomLog(documentId, room, rows, this);
  }

  schedule(log: RoomLog): void {
    if (log.queued) return;
    log.queued = true;
    this.due.push(log);
    if (this.due.length === 1) setImmediate(this.compactNext);
  }

  private compactNext = (): void => {
    const next = this.due.shift();
    if (!next) return;
    if (this.due.length > 0) setImmediate(this.compactNext);
    next.queued = false;
    if (next.room.destroyed) return; // unloaded meanwhile: the unload compacted it
    next.rows = 0;
    next.lastCompactedAt = performance.now();
    void this.compact(next.documentId, next.room.encodeState());
  };
}
