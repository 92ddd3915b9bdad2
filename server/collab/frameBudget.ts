// How much a collab connection may send: frames and bytes, per connection and per account (all of an
// account's connections on this instance share one budget). Over budget the connection is asked to
// pause reading until the budget has refilled: the sender is slowed by TCP instead of being served at
// the expense of everyone else's latency.
import { TokenBucket } from "../realtime/tokenBucket";
import * as L from "./limits";

type Buckets = { frames: TokenBucket; bytes: TokenBucket };

const bucketsOf = (frameBurst: number, framesPerSecond: number, byteBurst: number, bytesPerSecond: number): Buckets => ({
  frames: new TokenBucket(frameBurst, framesPerSecond),
  bytes: new TokenBucket(byteBurst, bytesPerSecond),
});

/** Milliseconds until `bucket` holds `cost` again (0 when it holds it now; the cost is taken either way). */
function charge(bucket: TokenBucket, cost: number, perSecond: number): number {
  if (bucket.take(cost)) return 0;
  const deficit = cost - bucket.available();
  bucket.take(Math.min(cost, bucket.available())); // what it has is spent; the rest is waited for
  return Math.ceil((deficit / perSecond) * 1000);
}

export class FrameBudgets {
  private readonly peers = new WeakMap<object, Buckets>();
  private readonly accounts = new Map<string, { buckets: Buckets; connections: number }>();
  /** Times a connection was paused for going over its budget. */
  throttled = 0;

  /** A connection opened: it gets a budget of its own and shares its account's. */
  attach(peer: object, userId: string): void {
    if (this.peers.has(peer)) return;
    this.peers.set(peer, bucketsOf(L.PEER_FRAME_BURST, L.PEER_FRAMES_PER_SECOND, L.PEER_BYTE_BURST, L.PEER_BYTES_PER_SECOND));
    const account = this.accounts.get(userId);
    if (account) account.connections++;
    else {
      const buckets = bucketsOf(L.ACCOUNT_FRAME_BURST, L.ACCOUNT_FRAMES_PER_SECOND, L.ACCOUNT_BYTE_BURST, L.ACCOUNT_BYTES_PER_SECOND);
      this.accounts.set(userId, { buckets, connections: 1 });
    }
  }

  detach(peer: object, userId: string): void {
    if (!this.peers.delete(peer)) return;
    const account = this.accounts.get(userId);
    if (account && --account.connections === 0) this.accounts.delete(userId);
  }

  /** Charges one frame of `bytes`; returns how long the connection should pause reading (0: go on). */
  charge(peer: object, userId: string, bytes: number): number {
    const own = this.peers.get(peer);
    const account = this.accounts.get(userId);
    if (!own || !account) return 0;
    const wait = Math.max(
      charge(own.frames, 1, L.PEER_FRAMES_PER_SECOND),
      charge(own.bytes, bytes, L.PEER_BYTES_PER_SECOND),
      charge(account.buckets.frames, 1, L.ACCOUNT_FRAMES_PER_SECOND),
      charge(account.buckets.bytes, bytes, L.ACCOUNT_BYTES_PER_SECOND),
    );
    if (wait > 0) this.throttled++;
    return wait;
  }
}
