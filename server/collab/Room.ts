// One open document: its Y.Doc, its awareness (cursors, names) and the peers connected to it.
// Speaks the y-websocket protocol (y-protocols sync + awareness) with peers through the `Peer`
// interface only, so it is tested with fake peers and has no idea what a socket is.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { CloseCode, CloseEvents } from "../../lib/collab/closeCodes";
import type { Logger } from "../log";
import { MessageType, awarenessMessage, syncStep1Message, syncUpdateMessage } from "./messages";
import { stampAwarenessIdentity, type AwarenessDecision } from "./awarenessIdentity";
import { EarlyUpdates } from "./earlyUpdates";
import { MAX_AWARENESS_BYTES, MAX_AWARENESS_CLIENTS_PER_PEER, MAX_AWARENESS_CLIENTS_PER_ROOM, MAX_PENDING_BYTES } from "./limits";
import { loadStoredParts, malformedUpdate, pendingBytes, pendingOf, restorePending, type RejectedPart } from "./safeUpdates";
import type { FrameBudgets } from "./frameBudget";
import { RefusedFrame, own, readFrame } from "./frameErrors";
import type { Peer } from "./peer";
import { DurableAcks } from "./durableAcks";

export type RoomLimits = { maxFrameBytes: number; maxDocumentBytes: number };
/** The limits, and where a failure of the server's own (not the frame's) is logged before the peer is closed. */
export type RoomOptions = RoomLimits & { log?: Pick<Logger, "error"> };

/** What loading found wrong with the stored state (set aside by the caller, never applied). */
export type LoadProblems = { rejected: RejectedPart[]; pending: Uint8Array | null };

export type RoomHooks = {
  /**
   * An update was applied to the document by a local writer or a direct edit: persist and relay it.
   * Returns the store's sequence number for it (durable acknowledgements wait for that number to commit).
   * `origin`: the Peer that sent it, or DIRECT_ORIGIN for the server's own edits.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: hooks that store nothing (tests' fakes) return nothing
  onUpdate(update: Uint8Array, origin: unknown): number | void;
  /** Awareness of this instance's peers changed (encoded y-protocols awareness update): relay it. */
  onLocalAwareness?(update: Uint8Array): void;
  /** The last peer left. */
  onEmpty(): void;
  /** A peer joined (presence). */
  onJoin?(peer: Peer): void;
  /** A peer left, was disconnected or closed with everyone else (presence); once per join. */
  onLeave?(peer: Peer): void;
  /**
   * A peer's update threw halfway through being applied: the copy in memory may hold part of it.
   * Nothing of it was stored or relayed; the caller reloads the document from storage.
   */
  onCorrupted?(reason: string, offender: Peer): void;
};

/** Origin of transactions made by server code rather than by a peer. */
export const DIRECT_ORIGIN = Symbol("direct");
/** Origin of changes that came from another instance: shown to local peers, never stored or relayed again. */
export const REMOTE_ORIGIN = Symbol("remote");

export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it announced, removed again when it leaves. */
  private readonly peers = new Map<Peer, Set<number>>();
  /** The reverse: which local peer announced each awareness client id. */
  private readonly clientOwners = new Map<number, Peer>();
  /** Every awareness client id each peer announced (bounded), so their bookkeeping goes when it leaves. */
  private readonly announcedBy = new Map<Peer, Set<number>>();
  /** Updates the document emitted while a peer's update was being applied: released once it applied whole. */
  private held: Uint8Array[] | null = null;
  /** Stored parts that failed to load: the caller sets them aside. */
  readonly loadProblems: LoadProblems;
  /** Upper bound of the stored state's size: last measured size plus every update since. */
  private approxBytes: number;
  /** Frames from read-only peers that carried document changes and were dropped. */
  droppedReadOnlyUpdates = 0;
  /** Awareness updates that named another account's client id and were dropped. */
  droppedForeignAwareness = 0;
  /** Awareness updates dropped because the peer announced more client ids than it may. */
  droppedExcessAwareness = 0;
  /** Peer updates refused because they did not apply whole or left structs waiting for dependencies. */
  refusedUpdates = 0;
  destroyed = false;
  /** Which write frames of the peers that asked (`?ack=1`) are stored. */
  private readonly acks = new DurableAcks();
  /** Updates a peer sent before its step 2 that depend on edits only that step 2 carries (bounded). */
  private readonly early = new EarlyUpdates(MAX_PENDING_BYTES);

  constructor(
    readonly documentId: string,
    /** The stored state: a snapshot and the updates since, applied in order. */
    initialUpdates: Uint8Array[],
    private readonly hooks: RoomHooks,
    private readonly options: RoomOptions,
    /** Frame and byte budgets per connection and per account (shared by the rooms of one server). */
    private readonly budgets?: FrameBudgets,
  ) {
    // Applied before the listeners exist: loading is not an edit and must not be stored again.
    // A stored part that fails is left out (and reported), never allowed to keep the document shut.
    const loaded = loadStoredParts(initialUpdates, MAX_PENDING_BYTES);
    this.doc = loaded.doc;
    this.approxBytes = loaded.bytes;
    this.loadProblems = { rejected: loaded.rejected, pending: loaded.pending };
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null); // the server itself is not a participant
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  peersOf(userId: string): Peer[] {
    return [...this.peers.keys()].filter((p) => p.userId === userId);
  }

  /** Adds a peer and starts the handshake: our sync step 1, then everyone's awareness. */
  join(peer: Peer): void {
    if (this.destroyed) throw new Error("room is destroyed");
    this.peers.set(peer, new Set());
    this.announcedBy.set(peer, new Set());
    this.budgets?.attach(peer, peer.userId);
    if (peer.wantsAcks) this.acks.track(peer);
    peer.send(syncStep1Message(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessMessage(this.awareness, clients));
    this.hooks.onJoin?.(peer);
  }

  /** Removes a peer (idempotent) and the cursors it announced. */
  leave(peer: Peer): void {
    const clients = this.peers.get(peer);
    if (!clients) return;
    this.peers.delete(peer);
    this.budgets?.detach(peer, peer.userId);
    this.acks.untrack(peer);
    this.early.forget(peer);
    for (const id of clients) this.clientOwners.delete(id);
    if (clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
    this.forgetAwarenessOf(peer);
    this.hooks.onLeave?.(peer);
    if (this.peers.size === 0 && !this.destroyed) this.hooks.onEmpty();
  }

  /** Closes one peer with a code the client understands, and forgets it. */
  disconnect(peer: Peer, code: number, reason: string): void {
    if (!this.peers.has(peer)) return;
    peer.close(code, reason);
    this.leave(peer);
  }

  /** One frame from a peer. Anything wrong with it closes that peer only. */
  handleMessage(peer: Peer, data: Uint8Array): void {
    if (!this.peers.has(peer)) return; // already closed: late frames are ignored
    try {
      if (data.byteLength > this.options.maxFrameBytes) throw new RefusedFrame(CloseCode.MessageTooBig, "Message too big.");
      const pause = this.budgets?.charge(peer, peer.userId, data.byteLength) ?? 0;
      if (pause > 0) peer.pauseReading?.(pause);
      this.dispatch(peer, decoding.createDecoder(data));
    } catch (error) {
      if (error instanceof RefusedFrame) return this.disconnect(peer, error.code, error.message);
      // Not the frame's fault but ours (or a library's): seen in the log, and the client may retry.
      this.options.log?.error({ err: error, documentId: this.documentId, userId: peer.userId }, "collab frame handling failed");
      this.disconnect(peer, CloseEvents.InternalError.code, CloseEvents.InternalError.reason);
    }
  }

  /** Runs `change` on the document as the server (not a peer): it is relayed and stored like any edit. */
  transact(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), DIRECT_ORIGIN);
  }

  /** An update another instance accepted (and stored). Malformed input throws and changes nothing. */
  applyRemoteUpdate(update: Uint8Array): void {
    const malformed = malformedUpdate(update);
    if (malformed) throw new Error(`remote update ${malformed}`);
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** The store committed this document's updates through `seq` (DocumentStore.onStored). */
  storedThrough(seq: number): void {
    this.acks.storedThrough(seq);
  }

  /** Some of this document's updates failed to be written: nothing more is acknowledged as stored. */
  writeFailed(): void {
    this.acks.writeFailed();
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** What a holder of `stateVector` is missing. */
  diffSince(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /** The full state, for compaction; resets the size estimate to the measured size. */
  encodeState(): Uint8Array {
    const state = Y.encodeStateAsUpdate(this.doc);
    this.approxBytes = state.byteLength;
    return state;
  }

  /** Closes every peer (shutdown, document deleted) without triggering onEmpty. */
  closeAll(code: number, reason: string): void {
    const peers = [...this.peers.keys()];
    this.peers.clear();
    this.clientOwners.clear();
    for (const peer of peers) {
      this.budgets?.detach(peer, peer.userId);
      this.acks.untrack(peer);
      this.early.forget(peer);
      peer.close(code, reason);
      this.hooks.onLeave?.(peer);
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const peers = [...this.peers.keys()];
    this.peers.clear();
    for (const peer of peers) this.hooks.onLeave?.(peer); // every join is matched by a leave
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy(); // clears its outdated-state interval
    this.doc.destroy();
  }

  private dispatch(peer: Peer, decoder: decoding.Decoder): void {
    const type = readFrame(() => decoding.readVarUint(decoder));
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(peer, decoder);
      case MessageType.Awareness: {
        const update = readFrame(() => decoding.readVarUint8Array(decoder));
        if (update.byteLength > MAX_AWARENESS_BYTES) throw new RefusedFrame(CloseCode.MessageTooBig, "Cursor data too big.");
        return this.applyAwarenessFromPeer(peer, update);
      }
      case MessageType.QueryAwareness: {
        const clients = [...this.awareness.getStates().keys()];
        if (clients.length > 0) peer.send(awarenessMessage(this.awareness, clients));
        return;
      }
      case MessageType.Auth:
        return; // servers send auth messages, clients do not; ignore rather than fail
      default:
        throw new RefusedFrame(CloseCode.InvalidPayload, "Unknown message type.");
    }
  }

  private handleSync(peer: Peer, decoder: decoding.Decoder): void {
    const syncType = readFrame(() => decoding.readVarUint(decoder));
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        // Anyone who may read gets the state they miss. (Decoded first, so a broken state vector is the frame's fault.)
        const stateVector = readFrame(() => {
          const bytes = decoding.readVarUint8Array(decoder);
          Y.decodeStateVector(bytes);
          return bytes;
        });
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.Sync);
        syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
        peer.send(encoding.toUint8Array(encoder));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = readFrame(() => decoding.readVarUint8Array(decoder));
        if (!peer.canWrite) {
          // Guarded path: a viewer's changes are never applied, so never stored or relayed either.
          if (update.byteLength > 2) this.droppedReadOnlyUpdates++; // 2 bytes = an empty update
          return;
        }
        const held = this.applyFromPeer(peer, update);
        this.acks.frameHandled(peer, held); // after a refusal (a throw) it is never counted: the peer is gone
        if (syncType === syncProtocol.messageYjsSyncStep2) this.afterSyncStep2(peer);
        return;
      }
      default:
        throw new RefusedFrame(CloseCode.InvalidPayload, "Unknown sync message.");
    }
  }

  /**
   * A peer's cursor and name, shown with its account's identity. A client id announced by another
   * account's connection is not this peer's to change: the update is dropped. The same account may
   * take one over (a tab reconnecting before its old socket was noticed gone).
   */
  private applyAwarenessFromPeer(peer: Peer, update: Uint8Array): void {
    const announced = this.announcedBy.get(peer)!;
    let excess = false;
    const decide = own((clientId: number, removal: boolean): AwarenessDecision => {
      if ((this.clientOwners.get(clientId) ?? peer).userId !== peer.userId) return "refuse";
      const known = this.awareness.meta.has(clientId);
      // Removing a state nobody holds changes nothing, but y-protocols would keep an entry for it forever.
      if (removal && !this.awareness.states.has(clientId)) return "skip";
      if (announced.has(clientId) || (known && removal)) return "keep";
      if (announced.size >= MAX_AWARENESS_CLIENTS_PER_PEER || (!known && this.awareness.meta.size >= MAX_AWARENESS_CLIENTS_PER_ROOM)) {
        excess = true;
        return "skip";
      }
      announced.add(clientId);
      return "keep";
    });
    const stamped = readFrame(() => stampAwarenessIdentity(update, peer, decide));
    if (excess) this.droppedExcessAwareness++;
    if (stamped === null) this.droppedForeignAwareness++;
    else if (stamped !== undefined) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, peer);
  }

  /** A peer left: the bookkeeping y-protocols keeps for its client ids goes too (unless another peer holds one). */
  private forgetAwarenessOf(peer: Peer): void {
    const announced = this.announcedBy.get(peer);
    this.announcedBy.delete(peer);
    if (!announced) return;
    for (const id of announced) {
      if (!this.clientOwners.has(id) && !this.awareness.states.has(id)) this.awareness.meta.delete(id);
    }
  }

  /** The peer's step 2 arrived: the updates it sent before it (earlyUpdates.ts) apply now, or are refused. */
  private afterSyncStep2(peer: Peer): void {
    const early = this.early.release(peer);
    if (early.length === 0) return;
    for (const update of early) this.applyFromPeer(peer, update);
    this.acks.released(peer);
  }

  /** Applies a peer's update; true when it was held back until the peer's step 2 instead. */
  private applyFromPeer(peer: Peer, update: Uint8Array): boolean {
    if (this.approxBytes + update.byteLength > this.options.maxDocumentBytes) {
      this.encodeState(); // the estimate only grows; measure before refusing
      if (this.approxBytes + update.byteLength > this.options.maxDocumentBytes) {
        throw new RefusedFrame(CloseCode.MessageTooBig, "Document size limit reached.");
      }
    }
    // Yjs can throw after it integrated part of an update, so it is decoded whole first (about a tenth
    // of the cost of applying it), and what the document emits meanwhile is held back until it applied.
    if (malformedUpdate(update)) {
      this.refusedUpdates++;
      throw new RefusedFrame(CloseCode.InvalidPayload, "This change could not be read.");
    }
    const pendingBefore = pendingOf(this.doc);
    const held: Uint8Array[] = (this.held = []);
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.held = null;
      this.refusedUpdates++;
      // Yjs emits an update for whatever a transaction changed, even one that threw: none held means
      // the document is as it was. Otherwise nothing of it was stored or relayed, but the copy in memory
      // holds part of it: the sender goes first (with its own code), then everyone gets a fresh copy.
      if (held.length === 0) {
        this.disconnect(peer, CloseCode.InvalidPayload, "This change could not be applied.");
        return false;
      }
      this.disconnect(peer, CloseCode.ChangeRefused, "This change could not be applied. Reload the page.");
      this.hooks.onCorrupted?.(error instanceof Error ? error.message : String(error), peer);
      return false;
    }
    this.held = null;
    // Structs whose dependencies never arrive would wait in memory (and in every snapshot) unbounded
    // and uncounted: a peer's update must apply completely. An honest client's sync step 2 always does.
    // (Stored structs may already wait, in the hosted mode, for another instance's row: an update
    // that leaves no more waiting than before is fine.)
    const leftPending = pendingBytes(pendingOf(this.doc)) > pendingBytes(pendingBefore);
    if (leftPending) restorePending(this.doc, pendingBefore);
    for (const integrated of held) this.publish(integrated, peer); // what did apply is valid and kept
    if (leftPending && this.early.hold(peer, update)) return true;
    if (leftPending) {
      this.refusedUpdates++;
      throw new RefusedFrame(CloseCode.InvalidPayload, "This change depends on edits the server does not have. Reload the page.");
    }
    return false;
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.held && origin !== REMOTE_ORIGIN && origin !== DIRECT_ORIGIN) this.held.push(update);
    else this.publish(update, origin);
  };

  private publish(update: Uint8Array, origin: unknown): void {
    this.approxBytes += update.byteLength;
    const message = syncUpdateMessage(update); // encoded once for every peer
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message);
    if (origin === REMOTE_ORIGIN) return; // stored by the instance that accepted it
    const seq = this.hooks.onUpdate(update, origin);
    if (typeof seq === "number") this.acks.appendedAs(seq);
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const peer = origin as Peer;
    const owned = this.peers.get(peer);
    if (owned) {
      for (const id of [...added, ...updated]) {
        const previous = this.clientOwners.get(id);
        if (previous === peer) continue;
        this.peers.get(previous!)?.delete(id); // taken over by the same account's new connection
        owned.add(id);
        this.clientOwners.set(id, peer);
      }
      for (const id of removed) {
        owned.delete(id);
        this.clientOwners.delete(id);
      }
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    if (origin !== REMOTE_ORIGIN && this.hooks.onLocalAwareness) {
      this.hooks.onLocalAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
    if (this.peers.size === 0) return;
    // Sent to the sender too: a lone client's y-websocket watchdog counts it as a sign of life.
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.peers.keys()) peer.send(message);
  };
}
