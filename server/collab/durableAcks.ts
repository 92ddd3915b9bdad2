// Durable acknowledgements for one room: tells each connection that asked (`?ack=1`) how many of its
// write frames are committed to the database (protocol: lib/collab/durableAck.ts).
// The store numbers every appended update (DocumentStore.append returns a sequence number) and says,
// after each group commit, through which number a document's updates are stored. A write frame is
// due once everything the room had appended by the end of that frame is stored: its own updates and
// any it merely repeated that another peer had sent first. So a peer gets at most one message per
// commit, encoded for it alone, and a frame that changed nothing is acknowledged at once when nothing
// is waiting for the disk. Nothing here runs between a frame and its broadcast except two pushes.
import { durableAckMessage } from "./messages";
import type { Peer } from "./peer";

/** One connection's write frames not yet acknowledged: flat pairs (frame number, due sequence), oldest first. */
type Waiting = { frames: number; due: number[]; acked: number };

export class DurableAcks {
  private readonly peers = new Map<Peer, Waiting>();
  /** The last sequence number the room appended, and the last the store committed. */
  private appended = 0;
  private stored = 0;
  /** A write of this room failed: what was not stored must never be called stored, so no more acks. */
  private failed = false;

  /** The peer asked for acknowledgements. */
  track(peer: Peer): void {
    this.peers.set(peer, { frames: 0, due: [], acked: 0 });
  }

  untrack(peer: Peer): void {
    this.peers.delete(peer);
  }

  /** The room appended an update to the store, numbered `seq`. */
  appendedAs(seq: number): void {
    this.appended = seq;
  }

  /**
   * A write frame of `peer` was handled (applied, or found to change nothing), or `held` back until
   * the peer's step 2 (Room.afterSyncStep2): then it is due only once released.
   */
  frameHandled(peer: Peer, held = false): void {
    const waiting = this.peers.get(peer);
    if (!waiting) return;
    const frame = ++waiting.frames;
    if (this.failed) return;
    if (held) {
      waiting.due.push(frame, Number.POSITIVE_INFINITY);
      return;
    }
    if (waiting.due.length === 0 && this.appended <= this.stored) return this.ack(peer, waiting, frame);
    const due = waiting.due;
    // Typing: consecutive frames due at the same commit share one entry (the later frame number).
    if (due.length >= 2 && due[due.length - 1] === this.appended) due[due.length - 2] = frame;
    else due.push(frame, this.appended);
  }

  /** The peer's held frames were applied: they are due with what the room has appended by now. */
  released(peer: Peer): void {
    const due = this.peers.get(peer)?.due;
    if (!due) return;
    for (let i = 1; i < due.length; i += 2) if (due[i] === Number.POSITIVE_INFINITY) due[i] = this.appended;
  }

  /** The store committed this room's updates through `seq`: one message for each peer that is owed one. */
  storedThrough(seq: number): void {
    if (seq > this.stored) this.stored = seq;
    if (this.failed) return;
    for (const [peer, waiting] of this.peers) {
      const due = waiting.due;
      let frame = 0;
      let taken = 0;
      while (taken < due.length && due[taken + 1] <= this.stored) {
        frame = due[taken];
        taken += 2;
      }
      if (taken === 0) continue;
      due.splice(0, taken);
      this.ack(peer, waiting, frame);
    }
  }

  /** Some of this room's updates could not be written: they live in memory only (until a compaction). */
  writeFailed(): void {
    this.failed = true;
    for (const waiting of this.peers.values()) waiting.due.length = 0;
  }

  private ack(peer: Peer, waiting: Waiting, frame: number): void {
    if (frame <= waiting.acked) return;
    waiting.acked = frame;
    peer.send(durableAckMessage(frame));
  }
}
