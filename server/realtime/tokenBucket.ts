// Rate limits for socket.io events: a bucket of `capacity` tokens refilled at `perSecond`; each event
// takes one. Bursts up to the capacity pass; a sustained flood is refused at the refill rate.
import type { ClusterTally } from "./clusterTally";

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * Takes `cost` even when the bucket holds less (it goes into debt), and returns how many
   * milliseconds until the debt is repaid (0 when there was enough). For reading that was already
   * done: the reader then waits that long, so the average rate holds however big each read was.
   */
  charge(cost: number): number {
    this.refill();
    this.tokens -= cost;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }

  /** Refilled to capacity: indistinguishable from a new bucket, so it may be forgotten. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/**
 * One bucket per account on this instance, shared by all of the account's sockets: opening more tabs,
 * or scripting more connections, does not buy a bigger budget.
 */
export class AccountBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  /** Size at which refilled buckets are dropped; doubles when most are still in use (amortized). */
  private sweepAt = 10_000;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** With Redis: the account's use on every instance together (clusterTally.ts). */
  private cluster: ClusterTally | undefined;

  shareAcrossInstances(tally: ClusterTally): void {
    this.cluster = tally;
  }

  take(accountId: string): boolean {
    if (this.cluster && this.cluster.waitMs(accountId) > 0) return false;
    let bucket = this.buckets.get(accountId);
    if (!bucket) {
      if (this.buckets.size >= this.sweepAt) this.forgetFull();
      bucket = new TokenBucket(this.capacity, this.perSecond, this.now);
      this.buckets.set(accountId, bucket);
    }
    if (!bucket.take()) return false;
    this.cluster?.note(accountId);
    return true;
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetFull(): void {
    for (const [accountId, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(accountId);
    this.sweepAt = Math.max(10_000, 2 * this.buckets.size);
  }
}
