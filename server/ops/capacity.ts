// How many long-lived connections this instance holds, and how fast it admits new ones. When one
// instance of several dies, its browsers all reconnect to the others at once: a cap per kind keeps a
// survivor from taking more than it can serve, and the admission rate spreads the storm out. A
// refused connection is answered 503 with a jittered Retry-After (the load balancer, or the client's
// own backoff, sends it elsewhere or later); a connection already open is never evicted.
//
// Checked before any expensive work (authentication, database, room loading), counted per instance.
import { TokenBucket } from "../realtime/tokenBucket";

export type ConnectionKind = "collabSockets" | "collabStreams" | "eventStreams" | "realtimeSockets";

export const CONNECTION_KINDS: readonly ConnectionKind[] = ["collabSockets", "collabStreams", "eventStreams", "realtimeSockets"];

// Defaults (server/config.ts reads the CAPACITY_* variables). Sized for a 2-core instance: the
// benchmark holds ~10k collab sockets and streams on one; a tenth of them more than that is better
// sent to another instance than queued here.
export const DEFAULT_MAX_COLLAB_SOCKETS = 20_000;
export const DEFAULT_MAX_COLLAB_STREAMS = 5_000;
export const DEFAULT_MAX_EVENT_STREAMS = 20_000;
export const DEFAULT_MAX_REALTIME_SOCKETS = 20_000;
/** New connections (all kinds together) admitted per second, after a burst. */
export const DEFAULT_ADMISSIONS_PER_SECOND = 500;
export const DEFAULT_ADMISSION_BURST = 2_000;
/** Retry-After of a refusal: this many seconds, plus or minus the spread, so refused clients do not return together. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;
export const DEFAULT_RETRY_AFTER_SPREAD_SECONDS = 3;

export type CapacityLimits = {
  max: Record<ConnectionKind, number>;
  admissionsPerSecond: number;
  admissionBurst: number;
  retryAfterSeconds: number;
  retryAfterSpreadSeconds: number;
};

/** A taken slot: call `release` (idempotent) when the connection ends. */
export type Slot = { release(): void };

export type Admittance =
  | { kind: "admitted"; slot: Slot }
  /** `why` is for logs and metrics; the client only needs to come back after `retryAfterSeconds`. */
  | { kind: "busy"; why: "full" | "rate"; retryAfterSeconds: number };

export type CapacityCounts = Record<ConnectionKind, number> & { refusedFull: number; refusedRate: number };

export class Capacity {
  private readonly open: Record<ConnectionKind, number> = { collabSockets: 0, collabStreams: 0, eventStreams: 0, realtimeSockets: 0 };
  private readonly admissions: TokenBucket;
  private refusedFull = 0;
  private refusedRate = 0;

  constructor(
    private readonly limits: CapacityLimits,
    private readonly random: () => number = Math.random,
  ) {
    this.admissions = new TokenBucket(limits.admissionBurst, limits.admissionsPerSecond);
  }

  /** Takes a slot of `kind` if one is free and the admission rate allows; never blocks. */
  admit(kind: ConnectionKind): Admittance {
    if (this.open[kind] >= this.limits.max[kind]) {
      this.refusedFull++;
      return { kind: "busy", why: "full", retryAfterSeconds: this.retryAfter() };
    }
    if (!this.admissions.take()) {
      this.refusedRate++;
      return { kind: "busy", why: "rate", retryAfterSeconds: this.retryAfter() };
    }
    this.open[kind]++;
    let released = false;
    return {
      kind: "admitted",
      slot: {
        release: () => {
          if (released) return;
          released = true;
          this.open[kind]--;
        },
      },
    };
  }

  /** Whole seconds in [base - spread, base + spread], at least 1 (Retry-After takes integers). */
  retryAfter(): number {
    const { retryAfterSeconds: base, retryAfterSpreadSeconds: spread } = this.limits;
    const low = Math.max(1, base - spread);
    const high = Math.max(low, base + spread);
    return low + Math.floor(this.random() * (high - low + 1));
  }

  counts(): CapacityCounts {
    return { ...this.open, refusedFull: this.refusedFull, refusedRate: this.refusedRate };
  }

  limitOf(kind: ConnectionKind): number {
    return this.limits.max[kind];
  }
}

/** The words every transport answers a refusal with. */
export const BUSY_MESSAGE = "This server is at capacity right now. Your connection will try again in a few seconds.";
