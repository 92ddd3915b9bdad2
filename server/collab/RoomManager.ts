// Which rooms are open: loads a room on first use, persists its updates, unloads it a while after
// the last peer left (compacting its log), and drops deleted documents' rooms. Each document has at
// most one slot, in one of three states (below). When logs are compacted is compactionScheduler.ts's
// business, `updatedAt` bumps touchBatcher.ts's. Who may stay connected is decided by the access
// authority (server/access/liveAccess.ts), not here.
import type * as Y from "yjs";
import { CloseCode } from "../../lib/collab/closeCodes";
import type { Logger } from "../log";
import type { CollabOptions } from "./limits";
import type { DocumentStore, LoadedDocument, QuarantineItem } from "./DocumentStore";
import { Room } from "./Room";
import { FrameBudgets } from "./frameBudget";
import { CompactionScheduler, type RoomLog } from "./compactionScheduler";
import { TouchBatcher, type DocumentTouch } from "./touchBatcher";
import { ReloadBars } from "./reloadBars";
import type { Peer } from "./peer";
import type { RoomRelay } from "./RoomRelay";

/** Read from storage; `deleted` when the document was deleted meanwhile (the room is never opened). */
type Loading = { state: "loading"; done: Promise<boolean>; deleted: boolean };
type Open = {
  state: "open";
  room: Room;
  log: RoomLog;
  touch: DocumentTouch;
  /** Set while nobody is in the room: it unloads when this fires. */
  unloadTimer: NodeJS.Timeout | undefined;
};
/** Retired; `done` once its last writes are committed (a new room must not read the document before). */
type Unloading = { state: "unloading"; done: Promise<void> };
type Slot = Loading | Open | Unloading;

function unreachable(slot: never): never {
  throw new Error(`unknown room slot ${JSON.stringify(slot)}`);
}

export type PresenceObserver = {
  joined(documentId: string, peer: Peer): void;
  left(documentId: string, peer: Peer): void;
};

export type RoomManagerHooks = {
  /** Marks documents as recently edited (rate-limited and batched by the manager). */
  touch(documentIds: string[]): Promise<void>;
  /** Told of every accepted update (search re-reads the text later): must be cheap and must not throw. */
  edited?(documentId: string, now: number): void;
  /** Told of every accepted update a peer sent, after its broadcast (history learns who wrote it): cheap, must not throw. */
  authored?(documentId: string, update: Uint8Array, userId: string): void;
  log: Logger;
  /** Who is in which room: told of every join and of every leave (a drop, reload or unload included). */
  presence?: PresenceObserver;
};

export class RoomManager {
  private readonly slots = new Map<string, Slot>();
  private retiredDroppedUpdates = 0;
  private retiredRefusedUpdates = 0;
  private readonly compactions: CompactionScheduler;
  private readonly touches: TouchBatcher;
  /** What each connection and account may send, across all rooms of this server. */
  readonly budgets: FrameBudgets;
  /** Rooms reloaded from storage after a peer's update failed halfway. */
  reloads = 0;
  private readonly bars = new ReloadBars();
  private epoch = 0;
  private shutDown = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: CollabOptions,
    private readonly hooks: RoomManagerHooks,
    /** Other instances' view of the same documents (Redis); absent on a single instance. */
    private readonly relay?: RoomRelay,
  ) {
    this.compactions = new CompactionScheduler(options, (documentId, state) => store.compact(documentId, state));
    this.touches = new TouchBatcher(hooks.touch, hooks.log, options.touchIntervalMs);
    this.budgets = new FrameBudgets(options);
    // Durable acknowledgements: the open room of each committed (or failed) document hears of it.
    store.onStored = (documentId, throughSeq, stored) => {
      const slot = this.slots.get(documentId);
      if (slot?.state !== "open") return;
      if (stored) slot.room.storedThrough(throughSeq);
      else slot.room.writeFailed();
    };
  }

  /** Bumped on every access change; a connection authorized under an older epoch re-checks its role. */
  get accessEpoch(): number {
    return this.epoch;
  }

  /** A membership changed or a document was deleted (accessEvents.ts). */
  accessChanged(): void {
    this.epoch++;
  }

  /** Shutdown began: nothing opens any more. */
  get closed(): boolean {
    return this.shutDown;
  }

  stats() {
    let rooms = 0;
    let peers = 0;
    let dropped = this.retiredDroppedUpdates;
    let refused = this.retiredRefusedUpdates;
    for (const slot of this.slots.values()) {
      if (slot.state !== "open") continue;
      rooms++;
      peers += slot.room.peerCount;
      dropped += slot.room.droppedReadOnlyUpdates;
      refused += slot.room.refusedUpdates;
    }
    return {
      rooms,
      peers,
      droppedReadOnlyUpdates: dropped,
      refusedUpdates: refused,
      reloads: this.reloads,
      throttled: this.budgets.throttled,
      store: { ...this.store.stats },
    };
  }

  isOpen(documentId: string): boolean {
    return this.slots.get(documentId)?.state === "open";
  }

  /** Joins `peer` to the document's room, loading it first if needed. Null when the document does not exist. */
  async connect(documentId: string, peer: Peer): Promise<Room | null> {
    if (this.bars.isBarred(documentId, peer.userId)) {
      peer.close(CloseCode.ChangeRefused, "Your last change broke this document's copy on the server. Try again later.");
      return null;
    }
    const open = await this.acquire(documentId);
    if (!open) return null;
    open.room.join(peer);
    return open.room;
  }

  /** Reads a document without a socket (the live room when open). Null when it does not exist. */
  async read<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T | null> {
    const open = await this.acquire(documentId);
    if (!open) return null;
    try {
      return read(open.room.doc);
    } finally {
      if (open.room.peerCount === 0) this.scheduleUnload(documentId, open);
    }
  }

  /** Edits a document as the server: relayed to peers and stored like any edit. False when it does not exist. */
  async edit(documentId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const open = await this.acquire(documentId);
    if (!open) return false;
    try {
      open.room.transact(change);
      return true;
    } finally {
      if (open.room.peerCount === 0) this.scheduleUnload(documentId, open);
    }
  }

  /** The document was deleted: close everyone and drop the room without writing anything. */
  drop(documentId: string): void {
    const slot = this.slots.get(documentId);
    switch (slot?.state) {
      case undefined:
      case "unloading": // its last writes are the store's to forget (below)
        break;
      case "loading":
        slot.deleted = true;
        break;
      case "open":
        this.slots.delete(documentId);
        clearTimeout(slot.unloadTimer);
        slot.room.closeAll(CloseCode.DocumentDeleted, "This document was deleted.");
        this.retire(slot.room);
        break;
      default:
        unreachable(slot);
    }
    this.store.forget(documentId);
  }

  /** Shutdown: say goodbye to every peer, compact every room, commit everything. */
  async close(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    const work: Promise<unknown>[] = [];
    for (const [documentId, slot] of this.slots) {
      switch (slot.state) {
        case "loading": // finds the manager closed and opens nothing
        case "unloading":
          work.push(slot.done);
          break;
        case "open":
          this.slots.delete(documentId);
          clearTimeout(slot.unloadTimer);
          slot.room.closeAll(CloseCode.GoingAway, "The server is restarting.");
          work.push(this.persistAndRetire(documentId, slot));
          break;
        default:
          unreachable(slot);
      }
    }
    work.push(this.touches.flush());
    await Promise.allSettled(work);
    await this.store.close();
  }

  /** The open room of a document, loading it if needed; its unload timer is cancelled. */
  private async acquire(documentId: string): Promise<Open | null> {
    for (;;) {
      if (this.shutDown) return null;
      const slot = this.slots.get(documentId) ?? this.load(documentId);
      switch (slot.state) {
        case "open":
          clearTimeout(slot.unloadTimer);
          slot.unloadTimer = undefined;
          return slot;
        case "unloading":
          await slot.done; // its compaction must be committed before we read the document again
          continue;
        case "loading":
          if (!(await slot.done)) return null;
          // Loaded: loop to pick it up synchronously, unless a delete or reload raced us in between.
          if (this.slots.get(documentId)?.state !== "open") return null;
          continue;
        default:
          unreachable(slot);
      }
    }
  }

  private load(documentId: string): Loading {
    const slot: Loading = { state: "loading", done: Promise.resolve(false), deleted: false };
    this.slots.set(documentId, slot);
    slot.done = (async () => {
      let opened: Open | undefined;
      try {
        const loaded = await this.store.load(documentId);
        if (!loaded || this.shutDown || slot.deleted) return false;
        opened = this.openRoom(documentId, loaded);
        this.relay?.open(documentId, opened.room);
        // Problems set aside are compacted over; a long log (a crash before the unload compaction)
        // slows every load: fold it in now.
        if (this.setAsideLoadProblems(documentId, opened, loaded) || loaded.logRows >= this.options.compactAfterUpdates) {
          opened.log.compactSoon();
        }
        return true;
      } finally {
        if (this.slots.get(documentId) === slot) {
          if (opened) this.slots.set(documentId, opened);
          else this.slots.delete(documentId);
        }
      }
    })();
    return slot;
  }

  /**
   * Stored parts that failed to load go to quarantine (and the caller compacts the clean state in
   * memory over the log, so the next load is clean too). True when there was something to set aside.
   */
  private setAsideLoadProblems(documentId: string, open: Open, loaded: LoadedDocument): boolean {
    const { rejected, pending } = open.room.loadProblems;
    if (rejected.length === 0 && !pending) return false;
    const items: QuarantineItem[] = rejected.map(({ index, reason }) => {
      const source = loaded.sources[index];
      const data = loaded.updates[index];
      return source === "snapshot" ? { source, data, reason } : { source: "log", rowId: source, data, reason };
    });
    if (pending) items.push({ source: "pending", data: pending, reason: "depends on updates that are not stored" });
    void this.store.quarantine(documentId, items);
    return true;
  }

  private openRoom(documentId: string, loaded: LoadedDocument): Open {
    // The hooks reach `open` once it exists: the constructor only reads the stored state, calling none.
    const room: Room = new Room(
      documentId,
      loaded.updates,
      {
        onUpdate: (update, origin) => this.onUpdate(documentId, open, update, origin),
        onLocalAwareness: this.relay ? (update) => this.relay!.publishAwareness(documentId, update) : undefined,
        onEmpty: () => this.scheduleUnload(documentId, open),
        onCorrupted: (reason, offender) => this.reload(documentId, open, reason, offender),
        onJoin: (peer) => this.tellPresence("joined", documentId, peer),
        onLeave: (peer) => this.tellPresence("left", documentId, peer),
      },
      { maxFrameBytes: this.options.maxFrameBytes, maxDocumentBytes: this.options.maxDocumentBytes, log: this.hooks.log },
      this.budgets,
    );
    const open: Open = {
      state: "open",
      room,
      log: this.compactions.track(documentId, room, loaded.logRows),
      touch: this.touches.forDocument(documentId),
      unloadTimer: undefined,
    };
    return open;
  }

  private onUpdate(documentId: string, open: Open, update: Uint8Array, origin: unknown): number {
    const seq = this.store.append(documentId, update);
    this.relay?.publishUpdate(documentId, update);
    const now = performance.now(); // not Date.now(): Next.js wraps Date in the page server's process
    open.touch.edited(now);
    open.log.appended(now);
    this.hooks.edited?.(documentId, now);
    // A peer's update (a Peer is the origin; the server's own edits use a symbol).
    if (typeof origin === "object" && origin !== null) this.hooks.authored?.(documentId, update, (origin as Peer).userId);
    return seq;
  }

  /** An observer's failure is logged, never allowed into the room's bookkeeping. */
  private tellPresence(event: "joined" | "left", documentId: string, peer: Peer): void {
    try {
      this.hooks.presence?.[event](documentId, peer);
    } catch (err) {
      this.hooks.log.error({ err, documentId }, `collab presence observer failed (${event})`);
    }
  }

  /**
   * A peer's update failed halfway: the room's copy may hold part of it (none of it was stored or
   * relayed). Everyone reconnects to a fresh copy from storage once what was accepted is written.
   */
  private reload(documentId: string, open: Open, reason: string, offender: Peer): void {
    if (this.slots.get(documentId) !== open) return;
    this.reloads++;
    this.bars.bar(documentId, offender.userId);
    this.hooks.log.warn({ documentId, reason, userId: offender.userId }, "collab room reloaded after an update failed to apply");
    clearTimeout(open.unloadTimer);
    this.slots.delete(documentId);
    open.room.closeAll(CloseCode.Reloading, "The document is reloading.");
    this.retire(open.room);
    this.startUnloading(documentId, this.store.flush());
  }

  private scheduleUnload(documentId: string, open: Open): void {
    if (this.shutDown || this.slots.get(documentId) !== open) return;
    clearTimeout(open.unloadTimer);
    open.unloadTimer = setTimeout(() => this.unload(documentId, open), this.options.unloadDelayMs);
  }

  private unload(documentId: string, open: Open): void {
    open.unloadTimer = undefined;
    if (open.room.peerCount > 0 || this.slots.get(documentId) !== open) return;
    this.slots.delete(documentId);
    this.startUnloading(documentId, this.persistAndRetire(documentId, open));
  }

  /** The slot stays `unloading` until `committed` settles, so the next load reads what it wrote. */
  private startUnloading(documentId: string, committed: Promise<void>): void {
    const slot: Unloading = {
      state: "unloading",
      done: committed.finally(() => {
        if (this.slots.get(documentId) === slot) this.slots.delete(documentId);
      }),
    };
    this.slots.set(documentId, slot);
  }

  /** Compacts (when the log has rows) and destroys the room; resolves once everything is committed. */
  private persistAndRetire(documentId: string, open: Open): Promise<void> {
    // The state is captured synchronously, so the compaction covers exactly the updates appended so far.
    const committed = open.log.rows > 0 ? this.store.compact(documentId, open.room.encodeState()) : this.store.flush();
    this.retire(open.room);
    return committed;
  }

  private retire(room: Room): void {
    this.relay?.close(room.documentId);
    this.retiredDroppedUpdates += room.droppedReadOnlyUpdates;
    this.retiredRefusedUpdates += room.refusedUpdates;
    room.destroy();
  }
}
