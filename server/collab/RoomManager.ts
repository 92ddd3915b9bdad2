// Which rooms are open: loads a room on first use, persists its updates, unloads it a while after
// the last peer left (compacting its log), and drops deleted documents' rooms. Who may stay connected
// is decided by the access authority (server/access/liveAccess.ts), not here.
import type * as Y from "yjs";
import { CloseCode } from "../../lib/collab/closeCodes";
import type { Logger } from "../log";
import { BAR_AFTER_CORRUPTION_MS, TOUCH_BATCH_MS, type CollabOptions } from "./limits";
import type { DocumentStore, LoadedDocument, QuarantineItem } from "./DocumentStore";
import { Room } from "./Room";
import { FrameBudgets } from "./frameBudget";
import type { Peer } from "./peer";
import type { RoomRelay } from "./RoomRelay";

type OpenRoom = {
  room: Room;
  /** Log rows of this document not yet folded into the snapshot. */
  logRows: number;
  unloadTimer: NodeJS.Timeout | undefined;
  compactionScheduled: boolean;
  lastCompactedAt: number;
  lastTouchedAt: number;
};

export type RoomManagerHooks = {
  /** Marks documents as recently edited (rate-limited and batched by the manager). */
  touch(documentIds: string[]): Promise<void>;
  log: Logger;
  /** Who is in which room: told of every join and of every leave (a drop, reload or unload included). */
  presence?: PresenceObserver;
};

export type PresenceObserver = {
  joined(documentId: string, peer: Peer): void;
  left(documentId: string, peer: Peer): void;
};

export class RoomManager {
  private readonly rooms = new Map<string, OpenRoom>();
  private readonly loading = new Map<string, Promise<boolean>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly deletedWhileLoading = new Set<string>();
  private retiredDroppedUpdates = 0;
  private retiredRefusedUpdates = 0;
  private readonly dueTouches = new Set<string>();
  private touchTimer: NodeJS.Timeout | undefined;
  private readonly dueCompactions: Array<{ documentId: string; open: OpenRoom }> = [];
  /** What each connection and account may send, across all rooms of this server. */
  readonly budgets = new FrameBudgets();
  /** Rooms reloaded from storage after a peer's update failed halfway. */
  reloads = 0;
  /**
   * Accounts whose update broke a room, per document, until when (performance.now()): each reload
   * makes everyone reconnect, so one account may cause it once, not in a loop.
   */
  private readonly barred = new Map<string, number>();
  /** Bumped on every access change; a connection authorized under an older epoch re-checks its role. */
  accessEpoch = 0;
  closed = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: CollabOptions,
    private readonly hooks: RoomManagerHooks,
    /** Other instances' view of the same documents (Redis); absent on a single instance. */
    private readonly relay?: RoomRelay,
  ) {}

  stats() {
    let peers = 0;
    let dropped = this.retiredDroppedUpdates;
    let refused = this.retiredRefusedUpdates;
    for (const { room } of this.rooms.values()) {
      peers += room.peerCount;
      dropped += room.droppedReadOnlyUpdates;
      refused += room.refusedUpdates;
    }
    return {
      rooms: this.rooms.size,
      peers,
      droppedReadOnlyUpdates: dropped,
      refusedUpdates: refused,
      reloads: this.reloads,
      throttled: this.budgets.throttled,
      store: { ...this.store.stats },
    };
  }

  isOpen(documentId: string): boolean {
    return this.rooms.has(documentId);
  }

  /** Joins `peer` to the document's room, loading it first if needed. Null when the document does not exist. */
  async connect(documentId: string, peer: Peer): Promise<Room | null> {
    const barredUntil = this.barred.get(`${documentId}\n${peer.userId}`);
    if (barredUntil !== undefined) {
      if (barredUntil > performance.now()) {
        peer.close(CloseCode.ChangeRefused, "Your last change broke this document's copy on the server. Try again later.");
        return null;
      }
      this.barred.delete(`${documentId}\n${peer.userId}`);
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
    if (this.loading.has(documentId)) this.deletedWhileLoading.add(documentId);
    const open = this.rooms.get(documentId);
    if (open) {
      this.rooms.delete(documentId);
      clearTimeout(open.unloadTimer);
      open.room.closeAll(CloseCode.DocumentDeleted, "This document was deleted.");
      this.retire(open.room);
    }
    this.store.forget(documentId);
  }

  /** Shutdown: say goodbye to every peer, compact every room, commit everything. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const work: Promise<void>[] = [...this.unloading.values()];
    for (const [documentId, open] of this.rooms) {
      clearTimeout(open.unloadTimer);
      open.room.closeAll(CloseCode.GoingAway, "The server is restarting.");
      work.push(this.persistAndRetire(documentId, open));
    }
    this.rooms.clear();
    work.push(this.touchDue());
    await Promise.allSettled([...work, ...this.loading.values()]);
    await this.store.close();
  }

  /** The open room of a document, loading it if needed; its unload timer is cancelled. */
  private async acquire(documentId: string): Promise<OpenRoom | null> {
    for (;;) {
      if (this.closed) return null;
      const open = this.rooms.get(documentId);
      if (open) {
        clearTimeout(open.unloadTimer);
        open.unloadTimer = undefined;
        return open;
      }
      const unloading = this.unloading.get(documentId);
      if (unloading) {
        await unloading; // its compaction must be committed before we read the document again
        continue;
      }
      if (!(await this.load(documentId))) return null;
      // Loaded: loop to pick it up synchronously (a delete may have raced us in between).
      if (!this.rooms.has(documentId)) return null;
    }
  }

  private load(documentId: string): Promise<boolean> {
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = (async () => {
        try {
          const loaded = await this.store.load(documentId);
          if (!loaded || this.closed || this.deletedWhileLoading.has(documentId)) return false;
          const open = this.createRoom(documentId, loaded);
          this.rooms.set(documentId, open);
          this.relay?.open(documentId, open.room);
          if (this.setAsideLoadProblems(documentId, open, loaded)) return true;
          // A long log (a crash before the unload compaction) slows every load: fold it in now.
          if (loaded.logRows >= this.options.compactAfterUpdates) this.scheduleCompaction(documentId, open);
          return true;
        } finally {
          this.loading.delete(documentId);
          this.deletedWhileLoading.delete(documentId);
        }
      })();
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  /**
   * Stored parts that failed to load go to quarantine, and the clean state in memory is compacted
   * over the log, so the next load is clean too. True when there was something to set aside.
   */
  private setAsideLoadProblems(documentId: string, open: OpenRoom, loaded: LoadedDocument): boolean {
    const { rejected, pending } = open.room.loadProblems;
    if (rejected.length === 0 && !pending) return false;
    const items: QuarantineItem[] = rejected.map(({ index, reason }) => {
      const source = loaded.sources[index];
      const data = loaded.updates[index];
      return source === "snapshot" ? { source, data, reason } : { source: "log", rowId: source, data, reason };
    });
    if (pending) items.push({ source: "pending", data: pending, reason: "depends on updates that are not stored" });
    void this.store.quarantine(documentId, items);
    this.scheduleCompaction(documentId, open);
    return true;
  }

  /**
   * A peer's update failed halfway: the room's copy may hold part of it (none of it was stored or
   * relayed). Everyone reconnects to a fresh copy from storage once what was accepted is written.
   */
  private reload(documentId: string, open: OpenRoom, reason: string, offender: Peer): void {
    if (this.rooms.get(documentId) !== open) return;
    this.reloads++;
    if (this.barred.size > 10_000) this.barred.clear(); // bounded; a bar is a courtesy to the others
    this.barred.set(`${documentId}\n${offender.userId}`, performance.now() + BAR_AFTER_CORRUPTION_MS);
    this.hooks.log.warn({ documentId, reason, userId: offender.userId }, "collab room reloaded after an update failed to apply");
    this.rooms.delete(documentId);
    clearTimeout(open.unloadTimer);
    open.room.closeAll(CloseCode.Reloading, "The document is reloading.");
    this.retire(open.room);
    const work = this.store.flush().finally(() => this.unloading.delete(documentId));
    this.unloading.set(documentId, work);
  }

  private createRoom(documentId: string, loaded: LoadedDocument): OpenRoom {
    const open: OpenRoom = {
      room: undefined as unknown as Room,
      logRows: loaded.logRows,
      unloadTimer: undefined,
      compactionScheduled: false,
      lastCompactedAt: -Infinity,
      lastTouchedAt: -Infinity,
    };
    open.room = new Room(
      documentId,
      loaded.updates,
      {
        onUpdate: (update) => this.onUpdate(documentId, open, update),
        onLocalAwareness: this.relay ? (update) => this.relay!.publishAwareness(documentId, update) : undefined,
        onEmpty: () => this.scheduleUnload(documentId, open),
        onCorrupted: (reason, offender) => this.reload(documentId, open, reason, offender),
        onJoin: (peer) => this.tellPresence("joined", documentId, peer),
        onLeave: (peer) => this.tellPresence("left", documentId, peer),
      },
      { maxFrameBytes: this.options.maxFrameBytes, maxDocumentBytes: this.options.maxDocumentBytes },
      this.budgets,
    );
    return open;
  }

  /** An observer's failure is logged, never allowed into the room's bookkeeping. */
  private tellPresence(event: "joined" | "left", documentId: string, peer: Peer): void {
    try {
      this.hooks.presence?.[event](documentId, peer);
    } catch (err) {
      this.hooks.log.error({ err, documentId }, `collab presence observer failed (${event})`);
    }
  }

  private onUpdate(documentId: string, open: OpenRoom, update: Uint8Array): void {
    this.store.append(documentId, update);
    this.relay?.publishUpdate(documentId, update);
    open.logRows++;
    const now = performance.now(); // not Date.now(): Next.js wraps Date in the page server's process
    if (now - open.lastTouchedAt >= this.options.touchIntervalMs) {
      open.lastTouchedAt = now;
      this.dueTouches.add(documentId);
      this.touchTimer ??= setTimeout(() => void this.touchDue(), TOUCH_BATCH_MS);
    }
    const { compactAfterUpdates, compactMinIntervalMs } = this.options;
    if (
      open.logRows >= compactAfterUpdates &&
      (now - open.lastCompactedAt >= compactMinIntervalMs || open.logRows >= 10 * compactAfterUpdates)
    ) {
      this.scheduleCompaction(documentId, open);
    }
  }

  /** One query bumps `updatedAt` of every document edited since the last batch. */
  private async touchDue(): Promise<void> {
    clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    if (this.dueTouches.size === 0) return;
    const documentIds = [...this.dueTouches];
    this.dueTouches.clear();
    await this.hooks.touch(documentIds).catch((err) => this.hooks.log.warn({ err, documents: documentIds.length }, "touch failed"));
  }

  /**
   * Compactions run one per event-loop turn, off the hot path: encoding a big document takes
   * milliseconds, and documents edited at the same pace reach the threshold together (the bench saw
   * ten of them in one turn block the loop for over 100 ms, with every broadcast waiting).
   */
  private scheduleCompaction(documentId: string, open: OpenRoom): void {
    if (open.compactionScheduled) return;
    open.compactionScheduled = true;
    this.dueCompactions.push({ documentId, open });
    if (this.dueCompactions.length === 1) setImmediate(this.compactNext);
  }

  private compactNext = (): void => {
    const next = this.dueCompactions.shift();
    if (!next) return;
    if (this.dueCompactions.length > 0) setImmediate(this.compactNext);
    const { documentId, open } = next;
    open.compactionScheduled = false;
    if (open.room.destroyed) return;
    open.logRows = 0;
    open.lastCompactedAt = performance.now();
    void this.store.compact(documentId, open.room.encodeState());
  };

  private scheduleUnload(documentId: string, open: OpenRoom): void {
    if (this.closed || this.rooms.get(documentId) !== open) return;
    clearTimeout(open.unloadTimer);
    open.unloadTimer = setTimeout(() => this.unload(documentId, open), this.options.unloadDelayMs);
  }

  private unload(documentId: string, open: OpenRoom): void {
    open.unloadTimer = undefined;
    if (open.room.peerCount > 0 || this.rooms.get(documentId) !== open) return;
    this.rooms.delete(documentId);
    const work = this.persistAndRetire(documentId, open).finally(() => this.unloading.delete(documentId));
    this.unloading.set(documentId, work);
  }

  /** Compacts (when the log has rows) and destroys the room; resolves once everything is committed. */
  private persistAndRetire(documentId: string, open: OpenRoom): Promise<void> {
    // The state is captured synchronously, so the compaction covers exactly the updates appended so far.
    const committed = open.logRows > 0 ? this.store.compact(documentId, open.room.encodeState()) : this.store.flush();
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
