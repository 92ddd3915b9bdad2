// Updates a peer sent before its sync step 2 that depend on edits only that step 2 carries.
// y-websocket sends a keystroke as soon as the socket opens, before it answers the server's step 1:
// refusing those closed an honest client that had edited offline. They wait here, bounded by bytes
// per peer, and apply after the step 2; still incomplete then, they are refused as before.
import type { Peer } from "./peer";

export class EarlyUpdates {
  /** Peers that sent their sync step 2 (everything of theirs the server lacked). */
  private readonly stepped = new WeakSet<Peer>();
  private readonly waiting = new Map<Peer, { updates: Uint8Array[]; bytes: number }>();

  constructor(private readonly maxBytesPerPeer: number) {}

  /** Keeps the update until the peer's step 2; false when the peer already sent it or the bound is reached. */
  hold(peer: Peer, update: Uint8Array): boolean {
    if (this.stepped.has(peer)) return false;
    const early = this.waiting.get(peer) ?? { updates: [], bytes: 0 };
    if (early.bytes + update.byteLength > this.maxBytesPerPeer) return false;
    early.updates.push(update); // applied again, whole, after the step 2 (Yjs skips what it has)
    early.bytes += update.byteLength;
    this.waiting.set(peer, early);
    return true;
  }

  /** The peer's step 2 arrived: what it held, to apply now (empty when nothing waited). */
  release(peer: Peer): Uint8Array[] {
    this.stepped.add(peer);
    const early = this.waiting.get(peer);
    this.waiting.delete(peer);
    return early?.updates ?? [];
  }

  forget(peer: Peer): void {
    this.waiting.delete(peer);
  }
}
