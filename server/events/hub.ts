// The SSE hub: every open event stream of this process, the replay ring, and fan-out with the
// audience check applied per connection. Transport only: it knows nothing about announcements.
// The hot path is one event to thousands of streams: the frame is encoded once and the same bytes
// are written to each stream; streams are indexed by viewer kind and account so an event for admins
// or for one account looks only at those; one timer wheel beats all heartbeats.
import type { ServerResponse } from "node:http";
import type { ViewerKind } from "../../lib/announcements/types";
import { canDeliver, type Delivery, type Recipient } from "./audience";
import { EventIdSource } from "./eventIds";
import { HeartbeatWheel } from "./heartbeatWheel";
import { EventRing, type ReplayResult, type StreamEntry } from "./ring";
import { SseConnection, type SseConnectionOptions } from "./sseConnection";
import { eventFrame } from "./sseFormat";

export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Bytes Node may buffer for one stream that is not being read before we drop it. */
export const MAX_BACKLOG_BYTES = 256 * 1024;
/** Events kept for replay; at most ~20 KB each (the body limit), so the ring stays within ~10 MB. */
export const REPLAY_RING_CAPACITY = 500;
/** The reconnect delay suggested to EventSource. */
export const RECONNECT_RETRY_MS = 2000;

/** An event to log and deliver; `dedupe` names a change several instances compute alike (sent once). */
export type PublishRequest = { event: string; data: unknown; to: Delivery; dedupe?: string };

/**
 * The log shared by all instances (hosted mode, redisEventLog.ts). Appended events come back through
 * `deliver`, in the log's order, on every instance (this one included).
 */
export interface SharedLog {
  /** The newest id when this instance started. */
  readonly startId: number;
  /** Entries the log keeps; the ring keeps no more than that, so both answer "too old" alike. */
  readonly maxLength: number;
  append(request: PublishRequest): void;
  /** Entries with fromId ≤ id ≤ toId, oldest first. */
  range(fromId: number, toId: number): Promise<StreamEntry[]>;
  /** True once this instance has read up to `id`, false after `timeoutMs`. */
  reached(id: number, timeoutMs: number): Promise<boolean>;
}

/** Events fetched from the shared log for a resume the ring cannot answer (see `fetchOlder`). */
export type OlderEvents = { kind: "replay"; entries: StreamEntry[]; upTo: number } | { kind: "too-old" };

/** How long a resume waits for this instance to read an id another instance already delivered. */
export const CATCH_UP_MS = 1000;
/** How long a resume waits for the shared log's older entries before answering with a reset. */
export const LOG_READ_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export type HubOptions = Partial<SseConnectionOptions> & {
  ringCapacity?: number;
  /** Hosted mode: ids and replay come from the shared log; without it, from this process. */
  shared?: SharedLog;
  now?: () => number;
  /** Told each time a stream is dropped for not reading (metrics). */
  onSlowClientDropped?: () => void;
  /** Told how many streams an event with a `tally` key was written to (announcement reach). */
  onDelivered?: (tally: string, streams: number) => void;
  /** Told when an account's first stream here opens (true) and its last one closes (false): streamPresence.ts. */
  onAccountPresence?: (userId: string, present: boolean) => void;
};

/** An event that is not logged for replay: the greeting and the current state sent on connect. */
export type Unlogged = { event: string; data: unknown; to: Delivery };

export type AttachRequest = {
  res: ServerResponse;
  recipient: Recipient;
  /** The id the client last saw (Last-Event-ID or ?lastEventId=), as sent; null on a first connect. */
  lastEventId: number | null;
  /** From `fetchOlder`: what the shared log holds before the ring, when the ring alone cannot answer. */
  older?: OlderEvents;
  /** True when the client sent an id at all, even one we could not parse. */
  resumeRequested: boolean;
  greeting: Unlogged[];
  /** The current state, sent on a first connect and after a reset. */
  snapshot: () => Unlogged[];
};

const hubs = new Set<SseHub>();

/** Open event streams across the process, for /metrics. */
export function sseConnectionCount(): number {
  let n = 0;
  for (const hub of hubs) n += hub.connectionCount;
  return n;
}

/** The `retry:` hint sent as streams end on shutdown. */
export const SHUTDOWN_RETRY_MS = 500;

export class SseHub {
  private readonly connections = new Set<SseConnection>();
  private readonly byViewer: Record<ViewerKind, Set<SseConnection>> = { anonymous: new Set(), user: new Set(), admin: new Set() };
  private readonly byUser = new Map<string, Set<SseConnection>>();
  private readonly heartbeats: HeartbeatWheel<SseConnection>;
  private readonly ids: EventIdSource;
  private readonly shared: SharedLog | undefined;
  readonly ring: EventRing;
  private readonly connectionOptions: SseConnectionOptions;
  private readonly onSlowClientDropped: () => void;
  private readonly onDelivered: (tally: string, streams: number) => void;
  private readonly onAccountPresence: (userId: string, present: boolean) => void;
  private closed = false;

  constructor(options: HubOptions = {}) {
    this.onSlowClientDropped = options.onSlowClientDropped ?? (() => undefined);
    this.onDelivered = options.onDelivered ?? (() => undefined);
    this.onAccountPresence = options.onAccountPresence ?? (() => undefined);
    this.ids = new EventIdSource(options.now);
    this.shared = options.shared;
    const capacity = options.ringCapacity ?? REPLAY_RING_CAPACITY;
    this.ring = this.shared ? new EventRing(Math.min(capacity, this.shared.maxLength), this.shared.startId) : new EventRing(capacity, this.ids.base);
    this.connectionOptions = {
      heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
      maxBacklogBytes: options.maxBacklogBytes ?? MAX_BACKLOG_BYTES,
      retryMs: options.retryMs ?? RECONNECT_RETRY_MS,
    };
    this.heartbeats = new HeartbeatWheel(this.connectionOptions.heartbeatMs);
    hubs.add(this);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Accounts with at least one open stream here (the away-email's "was not away", awayMail.ts). */
  accountsWithStreams(): IterableIterator<string> {
    return this.byUser.keys();
  }

  /** True once shutdown began: new streams are turned away (see `turnAway`). */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Shutdown: answers a new stream with a short `retry:` and ends it, so the browser comes back within
   * a second (to another instance). Not a 503: a stock EventSource gives up for good on any non-200.
   */
  turnAway(res: ServerResponse, recipient: Recipient = { viewer: "anonymous", userId: null, pathHint: null }): SseConnection {
    const connection = new SseConnection(res, recipient, this.connectionOptions);
    connection.open();
    connection.end(SHUTDOWN_RETRY_MS);
    return connection;
  }

  /**
   * At capacity: the same answer with the wait the capacity chose as its `retry:` (our client asks
   * for it, `?busy=close`): EventSource comes back by itself after that long, to whichever instance.
   */
  sendAway(res: ServerResponse, retryMs: number): void {
    const connection = new SseConnection(res, { viewer: "anonymous", userId: null, pathHint: null }, this.connectionOptions);
    connection.open();
    // The capacity's wait is jittered already (and is what Retry-After says to everyone else).
    connection.end(retryMs, { jitter: false });
  }

  get headId(): number {
    return this.ring.head;
  }

  /**
   * Logs an event for replay and writes it to every open stream allowed to see it. With a shared log
   * it is appended there and written when it comes back (`deliver`), in the log's order.
   */
  publish(event: string, data: unknown, to: Delivery, dedupe?: string): void {
    if (this.shared) return this.shared.append({ event, data, to, dedupe });
    this.deliver({ id: this.ids.next(), event, data, to });
  }

  /** An event with its id: kept in the ring and written to the streams (the shared log's reader calls this). */
  deliver(entry: StreamEntry): void {
    if (this.closed) return;
    this.ring.push(entry);
    this.fanOut(entry.id, entry.event, entry.data, entry.to);
  }

  /**
   * Hosted mode: before attaching a resume the ring cannot answer, fetches what the shared log still
   * has (an id from before this instance started), or waits for this instance to catch up with an id
   * another instance already sent. `undefined` when the ring answers by itself.
   */
  async fetchOlder(lastId: number | null): Promise<OlderEvents | undefined> {
    if (lastId === null || !this.shared) return undefined;
    if (lastId > this.ring.head) await this.shared.reached(lastId, CATCH_UP_MS);
    if (lastId >= this.ring.horizonId) return undefined;
    const upTo = this.ring.head;
    let entries: StreamEntry[];
    try {
      entries = await withTimeout(this.shared.range(lastId, upTo), LOG_READ_TIMEOUT_MS);
    } catch {
      // Redis down or slow: a reset and the current state, rather than a stream that hangs.
      return { kind: "too-old" };
    }
    // The client's own last event must still be in the log; otherwise some after it were trimmed.
    if (entries[0]?.id !== lastId) return { kind: "too-old" };
    return { kind: "replay", entries: entries.slice(1), upTo };
  }

  /**
   * True when `attach` would answer this resume with the missed events alone (no reset, no snapshot),
   * were it called now, in the same turn: the caller can skip what only the snapshot needs.
   */
  replays(lastEventId: number | null, older: OlderEvents | undefined): boolean {
    return this.replayFor(lastEventId, older)?.kind === "replay";
  }

  private replayFor(lastEventId: number | null, older: OlderEvents | undefined): ReplayResult | undefined {
    if (lastEventId === null) return undefined;
    if (!older) return this.ring.since(lastEventId);
    if (older.kind === "too-old") return older;
    const rest = this.ring.since(older.upTo);
    return rest.kind === "replay" ? { kind: "replay", entries: [...older.entries, ...rest.entries] } : rest;
  }

  /**
   * Writes an event to the open streams allowed to see it without logging it for replay (live
   * figures that are worthless once stale). It carries the newest logged id, so a reconnect resumes
   * exactly where it would have.
   */
  publishEphemeral(event: string, data: unknown, to: Delivery): void {
    this.fanOut(this.ring.head, event, data, to);
  }

  private fanOut(id: number, event: string, data: unknown, to: Delivery): void {
    let frame: Buffer | undefined; // encoded on the first stream that gets it, then shared
    let written = 0;
    const deliver = (connection: SseConnection) => {
      if (!canDeliver(to, connection.recipient)) return;
      connection.write((frame ??= eventFrame(id, event, data)));
      written++;
    };
    if (to.userId !== undefined) {
      for (const connection of this.byUser.get(to.userId) ?? []) deliver(connection);
    } else {
      for (const viewer of to.viewers) for (const connection of this.byViewer[viewer]) deliver(connection);
    }
    if (to.tally !== undefined && written > 0) this.onDelivered(to.tally, written);
  }

  private add(connection: SseConnection): void {
    const { viewer, userId } = connection.recipient;
    this.connections.add(connection);
    this.byViewer[viewer].add(connection);
    if (userId !== null) {
      let mine = this.byUser.get(userId);
      if (!mine) {
        this.byUser.set(userId, (mine = new Set()));
        this.onAccountPresence(userId, true);
      }
      mine.add(connection);
    }
    this.heartbeats.add(connection);
  }

  private remove(connection: SseConnection): void {
    const { viewer, userId } = connection.recipient;
    this.connections.delete(connection);
    this.byViewer[viewer].delete(connection);
    if (userId !== null) {
      const mine = this.byUser.get(userId);
      mine?.delete(connection);
      if (mine?.size === 0) {
        this.byUser.delete(userId);
        this.onAccountPresence(userId, false);
      }
    }
    this.heartbeats.remove(connection);
  }

  /**
   * Its own function so the listener, which lives as long as the stream, holds the connection alone and
   * not the attach request (response, greeting, snapshot and what they hold) for hours.
   */
  private untrackOnClose(connection: SseConnection): void {
    connection.onClose((reason) => {
      this.remove(connection);
      if (reason === "too slow") this.onSlowClientDropped();
    });
  }

  /**
   * Opens a stream: greeting, then either exactly the missed events (resume) or a reset and the
   * current state. Synchronous from here on, so no event can slip between the replay and going live.
   */
  attach(request: AttachRequest): SseConnection {
    // Authenticated while shutdown began: the same answer as the streams that were open then.
    if (this.closed) return this.turnAway(request.res, request.recipient);
    // Each stream's `retry:` is jittered where it is written (SseConnection, retryJitter.ts).
    const connection = new SseConnection(request.res, request.recipient, this.connectionOptions);
    this.untrackOnClose(connection);
    connection.open();
    const head = this.ring.head;
    const replay = this.replayFor(request.lastEventId, request.older);
    const resumeId = replay?.kind === "replay" ? request.lastEventId! : head;
    const sendOne = (id: number, item: Unlogged) => {
      if (!canDeliver(item.to, request.recipient)) return;
      connection.send(id, item.event, item.data);
      if (item.to.tally !== undefined) this.onDelivered(item.to.tally, 1);
    };
    const sendUnlogged = (items: Unlogged[], id: number) => {
      for (const item of items) sendOne(id, item);
    };
    sendUnlogged(request.greeting, resumeId);
    if (replay?.kind === "replay") {
      for (const entry of replay.entries) sendOne(entry.id, entry);
    } else {
      if (request.resumeRequested) {
        connection.send(head, "reset", { reason: "The events since your last visit are no longer available; here is the current state." });
      }
      sendUnlogged(request.snapshot(), head);
    }
    if (connection.isOpen) this.add(connection);
    return connection;
  }

  close(): void {
    this.closed = true;
    // Shutdown: a short retry so browsers reconnect (to another instance) within a second.
    for (const connection of [...this.connections]) connection.end(SHUTDOWN_RETRY_MS);
    this.connections.clear();
    this.heartbeats.stop();
    hubs.delete(this);
  }
}
