// Budgets that hold across instances. Each instance still decides every event at once, in order,
// from its own token buckets (tokenBucket.ts, frameBudget.ts); a tally adds, every FLUSH_MS, what each
// account used on this instance to one counter per account in Redis (rate-limiter-flexible's
// RateLimiterRedis: one INCRBY per account per flush, never one per event). When the total over all
// instances passes the budget, every instance refuses or slows that account until the window ends.
// So N instances give an account one budget, not N, give or take one flush of use per instance.
// While Redis does not answer, each instance keeps its own buckets, which always apply.
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

/** How often this instance reports what it counted: the most an account can overshoot by, per instance. */
export const FLUSH_MS = 250;

export type ClusterTallyOptions = {
  /** Names the counters in Redis (with the deployment's prefix). */
  name: string;
  /** Uses allowed per account over all instances in one window. */
  points: number;
  windowSeconds: number;
  flushMs?: number;
  now?: () => number;
};

export class ClusterTally {
  private used = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly limiter: RateLimiterRedis;
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private inFlight: Promise<void> | null = null;

  constructor(redis: { client: Redis; prefix: string }, options: ClusterTallyOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${redis.prefix}budget:${options.name}`,
      points: options.points,
      duration: options.windowSeconds,
      rejectIfRedisNotReady: true,
    });
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? FLUSH_MS);
    this.timer.unref();
  }

  /** Counts `amount` used by `key` on this instance; reported with the next flush. */
  note(key: string, amount = 1): void {
    this.used.set(key, (this.used.get(key) ?? 0) + amount);
  }

  /** Milliseconds until `key` may go on (0: now), as far as the last flush learnt. */
  waitMs(key: string): number {
    if (this.blockedUntil.size === 0) return 0;
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.blockedUntil.delete(key);
    return 0;
  }

  /** Reports what was counted since the last flush (one at a time; a slow Redis never piles them up). */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.used.size === 0) return Promise.resolve();
    const batch = this.used;
    this.used = new Map();
    this.inFlight = Promise.all([...batch].map(([key, amount]) => this.report(key, amount))).then(() => {
      this.inFlight = null;
      this.forgetExpired();
    });
    return this.inFlight;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async report(key: string, amount: number): Promise<void> {
    try {
      await this.limiter.consume(key, amount);
    } catch (error) {
      // Over the budget across instances: refused until the window ends. Anything else is Redis
      // being away, where this instance's own buckets are the limit.
      if (error instanceof RateLimiterRes) this.blockedUntil.set(key, this.now() + error.msBeforeNext);
    }
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
  }
}
