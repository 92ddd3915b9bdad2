// The browser's one socket.io connection (same origin, session cookie), shared by every component.
// It tracks the connection state — "degraded" when WebSockets are blocked and it runs on long-polling —
// re-joins open document rooms after a reconnect, and turns requests into typed acks that never throw.
import { Backoff } from "../net/backoff";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import {
  SOCKET_PATH,
  type Ack,
  type ClientEventName,
  type ClientEventResults,
  type ClientPayload,
  type ClientToServerEvents,
  type RealtimeError,
  type ServerToClientEvents,
} from "./events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState =
  | { status: "connecting" }
  | { status: "connected" }
  /** Connected, but over HTTP long-polling: WebSockets are blocked somewhere on the way. */
  | { status: "degraded" }
  /** Lost; socket.io retries by itself with backoff. */
  | { status: "offline" }
  /** The server refused us (signed out, other origin): retrying will not help until the user signs in. */
  | { status: "refused"; error: RealtimeError };

/** Errors the client makes up itself when no answer arrives. */
export type RequestError = RealtimeError | { code: "unavailable"; message: string };
export type RequestResult<E extends ClientEventName> = ({ ok: true } & ClientEventResults[E]) | { ok: false; error: RequestError };

const REQUEST_TIMEOUT_MS = 10_000;
const OFFLINE_MESSAGE = "Not connected to Tandem right now. Your change was not sent; try again in a moment.";

export class RealtimeClient {
  readonly socket: RealtimeSocket;
  private state: ConnectionState = { status: "connecting" };
  private stateListeners = new Set<() => void>();
  /** Open document rooms (reference-counted across components), re-joined after every reconnect. */
  private rooms = new Map<string, number>();
  /** Handshakes refused at capacity in a row. */
  private readonly busyBackoff = new Backoff();

  /** `url` and `options` are for tests and scripts; the browser uses the page's origin and cookie. */
  constructor(url?: string, options: Partial<ManagerOptions & SocketOptions> = {}) {
    const settings: Partial<ManagerOptions & SocketOptions> = {
      path: SOCKET_PATH,
      withCredentials: true,
      // WebSocket first; if it cannot get through, fall back to long-polling instead of failing.
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      ...options,
    };
    this.socket = url ? io(url, settings) : io(settings);

    this.socket.on("connect", () => {
      this.busyBackoff.succeeded();
      this.updateTransportState();
      this.socket.io.engine.on("upgrade", () => this.updateTransportState());
      for (const documentId of this.rooms.keys()) void this.request("doc:join", { documentId });
    });
    this.socket.on("disconnect", (reason) => {
      this.setState({ status: "offline" });
      // The server hung up on us (e.g. too many events): socket.io does not retry that by itself.
      if (reason === "io server disconnect") setTimeout(() => this.socket.connect(), 5_000);
    });
    this.socket.on("connect_error", (err) => {
      const data = (err as Error & { data?: { code?: RealtimeError["code"]; retryAfterSeconds?: number } }).data;
      // The instance is at capacity: not a refusal of us, come back after its wait (with jitter, lib/net/backoff.ts).
      if (!this.socket.active && data?.code === "unavailable") {
        const advised = typeof data.retryAfterSeconds === "number" ? data.retryAfterSeconds * 1000 : null;
        setTimeout(() => this.socket.connect(), this.busyBackoff.failed(advised));
        return this.setState({ status: "offline" });
      }
      if (!this.socket.active && data?.code) this.setState({ status: "refused", error: { code: data.code, message: err.message } });
      else this.setState({ status: "offline" });
    });
  }

  getState = (): ConnectionState => this.state;

  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Sends a request and resolves with its ack; a timeout or lost connection becomes `unavailable`. */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RequestResult<E>> {
    if (!this.socket.connected && this.state.status === "refused") return { ok: false, error: this.state.error };
    try {
      // socket.io's typings lose the ack type under timeout(); the contract in events.ts is the truth.
      const timed = this.socket.timeout(timeoutMs) as unknown as {
        emitWithAck(event: E, payload: ClientPayload<E>): Promise<Ack<ClientEventResults[E]>>;
      };
      return await timed.emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: "unavailable", message: OFFLINE_MESSAGE } };
    }
  }

  /** Subscribes to a server event; returns the unsubscribe function. */
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void {
    this.socket.on(event, handler as never);
    return () => void this.socket.off(event, handler as never);
  }

  /** Opens a document room (comments, access changes) until the returned function is called. */
  joinDocument(documentId: string): { joined: Promise<RequestResult<"doc:join">>; leave: () => void } {
    this.rooms.set(documentId, (this.rooms.get(documentId) ?? 0) + 1);
    const joined = this.request("doc:join", { documentId });
    let left = false;
    return {
      joined,
      leave: () => {
        if (left) return;
        left = true;
        const count = (this.rooms.get(documentId) ?? 1) - 1;
        if (count > 0) return void this.rooms.set(documentId, count);
        this.rooms.delete(documentId);
        if (this.socket.connected) void this.request("doc:leave", { documentId });
      },
    };
  }

  /** After signing in (or out): connect again with the new cookie. */
  reconnect(): void {
    this.setState({ status: "connecting" });
    this.socket.disconnect().connect();
  }

  close(): void {
    this.socket.disconnect();
  }

  private updateTransportState(): void {
    const transport = this.socket.io.engine?.transport?.name;
    this.setState(transport === "websocket" || transport === "webtransport" ? { status: "connected" } : { status: "degraded" });
  }

  private setState(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.stateListeners) listener();
  }
}

let shared: RealtimeClient | undefined;

/** The page's one connection, created on first use (in the browser only). */
export function realtime(): RealtimeClient {
  if (typeof window === "undefined") throw new Error("realtime() is only available in the browser.");
  shared ??= new RealtimeClient();
  return shared;
}

/**
 * After sign-in, sign-out or a switch of account: a new handshake with the current cookie, on the
 * same client object so every subscription stays valid. Signed out, the new state is "refused".
 */
export function reconnectRealtime(): void {
  shared?.reconnect();
}
