// Reconnect delays of every long-lived client connection (collab WebSocket and HTTP transport, the
// announcements stream): exponential with jitter, so clients that lost the same instance do not come
// back in lockstep, and never shorter than what the server asked for (Retry-After, or the busy close).

export const BACKOFF_FIRST_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** After a working connection drops (an instance died): come back within this, spread evenly. */
export const RECONNECT_SPREAD_MS = 2_000;
/** A server-advised wait is stretched by up to this fraction, so one answer does not synchronise everyone. */
export const ADVISED_JITTER = 0.25;

export type BackoffOptions = { firstMs?: number; maxMs?: number; random?: () => number };

/**
 * The delay before attempt `failures` + 1 after `failures` failures in a row: "equal jitter", a
 * random point in [ceiling / 2, ceiling], the ceiling doubling from `firstMs` up to `maxMs`.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const { firstMs = BACKOFF_FIRST_MS, maxMs = BACKOFF_MAX_MS, random = Math.random } = options;
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, Math.min(failures, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** One connection's reconnect schedule: `failed` gives the next delay, `succeeded` starts over. */
export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions = {}) {}

  /** The wait after a failure; `advisedMs` (the server's Retry-After) is a floor, stretched by a little jitter. */
  failed(advisedMs: number | null = null): number {
    const random = this.options.random ?? Math.random;
    const own = backoffDelay(this.failures, this.options);
    this.failures += 1;
    if (advisedMs === null) return own;
    return Math.max(own, Math.round(advisedMs * (1 + random() * ADVISED_JITTER)));
  }

  /** A connection that worked dropped: come back soon, at a random point of the spread. */
  dropped(): number {
    this.failures = 0;
    const random = this.options.random ?? Math.random;
    return Math.round(random() * RECONNECT_SPREAD_MS);
  }

  succeeded(): void {
    this.failures = 0;
  }
}
