// A bounded in-memory log of recent stream events, for replay after a reconnect (Last-Event-ID).
// Knows which range it can still answer for: an id older than the oldest evicted event cannot be replayed.
import type { Delivery } from "./audience";

export type StreamEntry = { id: number; event: string; data: unknown; to: Delivery };

export type ReplayResult = { kind: "replay"; entries: StreamEntry[] } | { kind: "too-old" };

export class EventRing {
  private entries: StreamEntry[] = [];
  /** Every event with an id at or below this has been evicted (or predates this process). */
  private horizon: number;

  constructor(
    readonly capacity: number,
    startId: number,
  ) {
    if (capacity < 1) throw new Error("ring capacity must be at least 1");
    this.horizon = startId;
    this.head = startId;
  }

  /** Events after this id are all here (until the next eviction). */
  get horizonId(): number {
    return this.horizon;
  }

  /** The id of the newest event, or the start id when there is none. */
  head: number;

  push(entry: StreamEntry): void {
    if (entry.id <= this.head) throw new Error(`event id ${entry.id} is not after ${this.head}`);
    this.entries.push(entry);
    this.head = entry.id;
    if (this.entries.length > this.capacity) this.horizon = this.entries.shift()!.id;
  }

  /** The events after `lastId`, oldest first; "too-old" when some of them were already evicted or the id is unknown. */
  since(lastId: number): ReplayResult {
    if (lastId < this.horizon || lastId > this.head) return { kind: "too-old" };
    // Binary search: ids are strictly increasing.
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].id <= lastId) lo = mid + 1;
      else hi = mid;
    }
    return { kind: "replay", entries: this.entries.slice(lo) };
  }

  get size(): number {
    return this.entries.length;
  }
}
