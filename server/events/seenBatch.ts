// "Seen" reports, coalesced per instance: a burst of tabs reporting the same announcement becomes
// one multi-row insert-or-ignore per SEEN_FLUSH_MS (ANNOUNCEMENT_SEEN_FLUSH_MS), or sooner at
// SEEN_BATCH_ROWS pairs, not a write per request. A report resolves once the batch holding it is in
// the database (group commit), so a 204 means "counted, and survives a restart"; a failed write
// rejects every report in the batch (the browser keeps them and reports again). The wait is short
// because every report is held for it: under a storm batches fill up anyway (reports arriving during
// a write join the next one), so a longer wait would add latency, not save writes. Pairs this
// instance already stored are answered from memory. Counts stay exact across instances: the
// database's composite key keeps one row per (announcement, account) whoever inserts it.
import type { Logger } from "../log";
import type { SeenPair } from "./reachWrites";

export const SEEN_FLUSH_MS = 25;
export const SEEN_BATCH_ROWS = 500;
/** Past this many remembered pairs the memory starts over (a repeat then costs one ignored row). */
const MAX_RECORDED = 200_000;

type Batch = { pairs: Map<string, SeenPair>; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void };

export type SeenWriter = (pairs: readonly SeenPair[]) => Promise<SeenPair[]>;

const keyOf = (p: SeenPair) => `${p.announcementId}\u0000${p.userId}`;

export class SeenBatch {
  private current: Batch | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** One write at a time: SQLite has one writer anyway, and the order of batches stays simple. */
  private writing: Promise<void> = Promise.resolve();
  private readonly recorded = new Set<string>();
  private stopped = false;

  constructor(
    private readonly write: SeenWriter,
    /** Told of the announcements that got new rows in a batch (their figures changed). */
    private readonly onFresh: (announcementIds: string[]) => Promise<void>,
    private readonly log: Logger,
    private readonly flushMs = SEEN_FLUSH_MS,
  ) {}

  /** Pairs waiting for the next write. */
  get queued(): number {
    return this.current?.pairs.size ?? 0;
  }

  /** Resolves once every pair is stored (now or earlier). */
  add(pairs: readonly SeenPair[]): Promise<void> {
    const news = pairs.filter((p) => !this.recorded.has(keyOf(p)));
    if (news.length === 0) return Promise.resolve();
    const batch = this.open();
    for (const p of news) batch.pairs.set(keyOf(p), p);
    if (this.stopped || batch.pairs.size >= SEEN_BATCH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return batch.done;
  }

  /** Writes what is queued; resolves when it (and any write before it) is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.current;
    this.current = undefined;
    if (batch) this.writing = this.writing.then(() => this.store(batch));
    return this.writing;
  }

  /** Shutdown: what was reported is written before the database closes; later reports are written at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }

  private open(): Batch {
    if (this.current) return this.current;
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting by the time it fails (all requests gone); not an unhandled rejection.
    done.catch(() => undefined);
    this.current = { pairs: new Map(), done, resolve, reject };
    return this.current;
  }

  private async store(batch: Batch): Promise<void> {
    const pairs = [...batch.pairs.values()];
    let fresh: SeenPair[];
    try {
      fresh = await this.write(pairs);
    } catch (err) {
      this.log.warn({ err, pairs: pairs.length }, "could not store seen reports; the browsers report them again");
      batch.reject(err);
      return;
    }
    if (this.recorded.size + pairs.length > MAX_RECORDED) this.recorded.clear();
    for (const p of pairs) this.recorded.add(keyOf(p));
    batch.resolve();
    const changed = [...new Set(fresh.map((p) => p.announcementId))];
    if (changed.length > 0) await this.onFresh(changed).catch((err) => this.log.warn({ err }, "could not announce new seen figures"));
  }
}
