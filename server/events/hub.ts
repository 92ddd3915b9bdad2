// The SSE hub: every open event stream of this process, the replay ring, and fan-out with the
// audience check applied per connection. Transport only: it knows nothing about announcements.
import type { ServerResponse } from "node:http";
import { canDeliver, type Delivery, type Recipient } from "./audience";
import { EventIdSource } from "./eventIds";
import { EventRing, type StreamEntry } from "./ring";
import { SseConnection, type SseConnectionOptions } from "./sseConnection";

export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Bytes Node may buffer for one stream that is not being read before we drop it. */
export const MAX_BACKLOG_BYTES = 256 * 1024;
/** Events kept for replay; at most ~20 KB each (the body limit), so the ring stays within ~10 MB. */
export const REPLAY_RING_CAPACITY = 500;
/** The reconnect delay suggested to EventSource. */
export const RECONNECT_RETRY_MS = 2000;

export type HubOptions = Partial<SseConnectionOptions> & {
  ringCapacity?: number;
  now?: () => number;
  /** Told each time a stream is dropped for not reading (metrics). */
  onSlowClientDropped?: () => void;
};

/** An event that is not logged for replay: the greeting and the current state sent on connect. */
export type Unlogged = { event: string; data: unknown; to: Delivery };

export type AttachRequest = {
  res: ServerResponse;
  recipient: Recipient;
  /** The id the client last saw (Last-Event-ID or ?lastEventId=), as sent; null on a first connect. */
  lastEventId: number | null;
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
  private readonly ids: EventIdSource;
  readonly ring: EventRing;
  private readonly connectionOptions: SseConnectionOptions;
  private readonly onSlowClientDropped: () => void;
  private closed = false;

  constructor(options: HubOptions = {}) {
    this.onSlowClientDropped = options.onSlowClientDropped ?? (() => undefined);
    this.ids = new EventIdSource(options.now);
    this.ring = new EventRing(options.ringCapacity ?? REPLAY_RING_CAPACITY, this.ids.base);
    this.connectionOptions = {
      heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
      maxBacklogBytes: options.maxBacklogBytes ?? MAX_BACKLOG_BYTES,
      retryMs: options.retryMs ?? RECONNECT_RETRY_MS,
    };
    hubs.add(this);
  }

  get connectionCount(): number {
    return this.connections.size;
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

  get headId(): number {
    return this.ring.head;
  }

  /** Logs an event for replay and writes it to every open stream allowed to see it. */
  publish(event: string, data: unknown, to: Delivery): StreamEntry {
    const entry: StreamEntry = { id: this.ids.next(), event, data, to };
    this.ring.push(entry);
    for (const connection of this.connections) {
      if (canDeliver(to, connection.recipient)) connection.send(entry.id, event, data);
    }
    return entry;
  }

  /**
   * Opens a stream: greeting, then either exactly the missed events (resume) or a reset and the
   * current state. Synchronous from here on, so no event can slip between the replay and going live.
   */
  attach(request: AttachRequest): SseConnection {
    // Authenticated while shutdown began: the same answer as the streams that were open then.
    if (this.closed) return this.turnAway(request.res, request.recipient);
    const connection = new SseConnection(request.res, request.recipient, this.connectionOptions);
    connection.onClose((reason) => {
      this.connections.delete(connection);
      if (reason === "too slow") this.onSlowClientDropped();
    });
    connection.open();
    const head = this.ring.head;
    const replay = request.lastEventId === null ? undefined : this.ring.since(request.lastEventId);
    const resumeId = replay?.kind === "replay" ? request.lastEventId! : head;
    const sendUnlogged = (items: Unlogged[], id: number) => {
      for (const item of items) if (canDeliver(item.to, request.recipient)) connection.send(id, item.event, item.data);
    };
    sendUnlogged(request.greeting, resumeId);
    if (replay?.kind === "replay") {
      for (const entry of replay.entries) {
        if (canDeliver(entry.to, request.recipient)) connection.send(entry.id, entry.event, entry.data);
      }
    } else {
      if (request.resumeRequested) {
        connection.send(head, "reset", { reason: "The events since your last visit are no longer available; here is the current state." });
      }
      sendUnlogged(request.snapshot(), head);
    }
    if (connection.isOpen) this.connections.add(connection);
    return connection;
  }

  close(): void {
    this.closed = true;
    // Shutdown: a short retry so browsers reconnect (to another instance) within a second.
    for (const connection of this.connections) connection.end(SHUTDOWN_RETRY_MS);
    this.connections.clear();
    hubs.delete(this);
  }
}
