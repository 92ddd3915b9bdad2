// How much a collab connection may send: frames and bytes, per connection and per account (all of an
// account's connections on this instance share one budget). Over budget the connection is asked to
// pause reading until the budget has refilled: the sender is slowed by TCP instead of being served at
// the expense of everyone else's latency.
import type { Redis } from "ioredis";
import { ClusterTally } from "../realtime/clusterTally";
import { TokenBucket } from "../realtime/tokenBucket";
import * as L from "./limits";

/** Longest single pause: pongs are not read meanwhile, and the heartbeat drops a peer silent for 30 s. */
const MAX_PAUSE_MS = 5_000;
/** The window an account's frames and bytes are counted in across instances (hosted mode). */
const CLUSTER_WINDOW_SECONDS = 10;

type Buckets = { frames: TokenBucket; bytes: TokenBucket };

const bucketsOf = (frameBurst: number, framesPerSecond: number, byteBurst: number, bytesPerSecond: number): Buckets => ({
  frames: new TokenBucket(frameBurst, framesPerSecond),
  bytes: new TokenBucket(byteBurst, bytesPerSecond),
});

export type FrameLimits = { frameBurst: number; framesPerSecond: number };

export class FrameBudgets {
  constructor(private readonly limits: FrameLimits = { frameBurst: L.PEER_FRAME_BURST, framesPerSecond: L.PEER_FRAMES_PER_SECOND }) {}

  private readonly peers = new WeakMap<object, Buckets>();
  private readonly accounts = new Map<string, { buckets: Buckets; connections: number }>();
  /** Times a connection was paused for going over its budget. */
  throttled = 0;
  /** With Redis: each account's frames and bytes on every instance together (clusterTally.ts). */
  private cluster: { frames: ClusterTally; bytes: ClusterTally } | undefined;

  /** The hosted mode: an account's budget is one across instances, not one per instance. Returns a stop function. */
  shareAcrossInstances(redis: { client: Redis; prefix: string }): () => void {
    const factor = L.ACCOUNT_FRAMES_FACTOR;
    const { frameBurst, framesPerSecond } = this.limits;
    const window = CLUSTER_WINDOW_SECONDS;
    const frames = new ClusterTally(redis, { name: "collab-frames", points: factor * (frameBurst + framesPerSecond * window), windowSeconds: window });
    const bytes = new ClusterTally(redis, { name: "collab-bytes", points: L.ACCOUNT_BYTE_BURST + L.ACCOUNT_BYTES_PER_SECOND * window, windowSeconds: window });
    this.cluster = { frames, bytes };
    return () => {
      frames.stop();
      bytes.stop();
    };
  }

  /** A connection opened: it gets a budget of its own and shares its account's. */
  attach(peer: object, userId: string): void {
    if (this.peers.has(peer)) return;
    const { frameBurst, framesPerSecond } = this.limits;
    this.peers.set(peer, bucketsOf(frameBurst, framesPerSecond, L.PEER_BYTE_BURST, L.PEER_BYTES_PER_SECOND));
    const account = this.accounts.get(userId);
    if (account) account.connections++;
    else {
      const factor = L.ACCOUNT_FRAMES_FACTOR;
      const buckets = bucketsOf(factor * frameBurst, factor * framesPerSecond, L.ACCOUNT_BYTE_BURST, L.ACCOUNT_BYTES_PER_SECOND);
      this.accounts.set(userId, { buckets, connections: 1 });
    }
  }

  detach(peer: object, userId: string): void {
    if (!this.peers.delete(peer)) return;
    const account = this.accounts.get(userId);
    if (account && --account.connections === 0) this.accounts.delete(userId);
  }

  /** Charges one frame of `bytes`; returns how long the connection should pause reading (0: go on), at most MAX_PAUSE_MS. */
  charge(peer: object, userId: string, bytes: number): number {
    const own = this.peers.get(peer);
    const account = this.accounts.get(userId);
    if (!own || !account) return 0;
    // Every bucket is charged (they may go into debt): a socket read delivers many frames at once,
    // and the pause that follows must pay for all of them.
    let wait = Math.max(own.frames.charge(1), own.bytes.charge(bytes), account.buckets.frames.charge(1), account.buckets.bytes.charge(bytes));
    const cluster = this.cluster;
    if (cluster) {
      cluster.frames.note(userId);
      cluster.bytes.note(userId, bytes);
      wait = Math.max(wait, cluster.frames.waitMs(userId), cluster.bytes.waitMs(userId));
    }
    if (wait > 0) this.throttled++;
    return Math.min(wait, MAX_PAUSE_MS);
  }
}
