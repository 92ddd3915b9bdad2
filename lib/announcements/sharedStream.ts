// One EventSource per browser, shared by all tabs. The tab holding a Web Lock is the leader: it owns
// the EventSource and rebroadcasts every event over a BroadcastChannel; the others only listen. When
// the leader tab closes its lock is released, the next tab takes over and resumes from the last
// event id it heard, so nothing is missed or repeated. Without Web Locks or BroadcastChannel each
// tab simply opens its own stream.
import { addLocalDismissal } from "./localDismissals";
import { adoptState, applyStreamEvent, initialStreamState, without, type ConnectionStatus, type ReceivedEvent, type StreamState } from "./state";
import { STREAM_EVENT_NAMES } from "./types";
import { Backoff } from "../net/backoff";
import { BUSY_PARAM, BUSY_PARAM_VALUE } from "../collab/closeCodes";

export const STREAM_URL = "/api/events";
const CHANNEL_NAME = "tandem-events";
const LEADER_LOCK = "tandem-events-leader";
const MAX_RETRY_MS = 30_000;

type TabMessage =
  | { type: "event"; event: ReceivedEvent }
  | { type: "status"; status: ConnectionStatus }
  | { type: "hello" }
  | { type: "state"; state: StreamState }
  | { type: "dismiss"; id: string }
  | { type: "restart" };

export class SharedEventStream {
  private state: StreamState = initialStreamState;
  private readonly listeners = new Set<() => void>();
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private leader = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** After EventSource gave up (an HTTP error): jittered, doubling up to 30 s (lib/net/backoff.ts). */
  private readonly backoff = new Backoff({ firstMs: 1_000, maxMs: MAX_RETRY_MS });
  private started = false;

  getState = (): StreamState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.start();
    return () => this.listeners.delete(listener);
  };

  get isLeader(): boolean {
    return this.leader;
  }

  /** Hides an announcement in every tab and remembers it (server for users, this browser for visitors). */
  async dismiss(id: string): Promise<void> {
    this.setState({ ...this.state, items: without(this.state.items, id) });
    this.post({ type: "dismiss", id });
    if (this.state.viewer === "anonymous" || this.state.viewer === null) return addLocalDismissal(id);
    const res = await fetch(`/api/announcements/${encodeURIComponent(id)}/dismiss`, { method: "POST", credentials: "same-origin" }).catch(() => null);
    if (!res || res.status === 401) addLocalDismissal(id);
  }

  /**
   * "I have read this" (signed-in only). Hidden here and in this browser's other tabs once the server
   * has it; the server's own event clears the account's other browsers. Resolves false on failure.
   */
  async acknowledge(id: string): Promise<boolean> {
    const res = await fetch(`/api/announcements/${encodeURIComponent(id)}/ack`, { method: "POST", credentials: "same-origin" }).catch(() => null);
    if (!res?.ok) return false;
    this.setState({ ...this.state, items: without(this.state.items, id) });
    this.post({ type: "dismiss", id });
    return true;
  }

  /** After signing in or out: the stream must reconnect as the new viewer. */
  restart(): void {
    if (this.leader) this.connect(null);
    else this.post({ type: "restart" });
  }

  private start(): void {
    if (this.started || typeof window === "undefined") return;
    this.started = true;
    if (typeof BroadcastChannel === "function") {
      this.channel = new BroadcastChannel(CHANNEL_NAME);
      this.channel.onmessage = (e: MessageEvent<TabMessage>) => this.onTabMessage(e.data);
    }
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (this.channel && locks) {
      // The callback's promise never settles: the lock is held until this tab goes away.
      void locks.request(LEADER_LOCK, () => {
        this.becomeLeader();
        return new Promise<never>(() => {});
      });
      this.post({ type: "hello" });
    } else {
      this.becomeLeader();
    }
  }

  private becomeLeader(): void {
    this.leader = true;
    this.connect(this.state.lastEventId);
  }

  private connect(lastEventId: string | null): void {
    this.source?.close();
    clearTimeout(this.retryTimer);
    if (lastEventId === null) this.setState({ ...this.state, items: {} });
    // Busy: at capacity the server answers with a `retry:` of its wait, and EventSource comes back by itself.
    const query = new URLSearchParams({ [BUSY_PARAM]: BUSY_PARAM_VALUE });
    if (lastEventId) query.set("lastEventId", lastEventId);
    const url = `${STREAM_URL}?${query}`;
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      this.backoff.succeeded();
      this.setStatus("open");
    };
    source.onerror = () => {
      this.setStatus("reconnecting");
      // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up; we retry.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.retryTimer = setTimeout(() => this.connect(this.state.lastEventId), this.backoff.failed());
      }
    };
    for (const name of STREAM_EVENT_NAMES) {
      source.addEventListener(name, (e: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(e.data);
        } catch {
          return;
        }
        const event: ReceivedEvent = { name, id: e.lastEventId || null, data };
        this.setState(applyStreamEvent(this.state, event));
        this.post({ type: "event", event });
      });
    }
    // Followers that asked before there was a leader get the state now.
    this.post({ type: "state", state: this.state });
  }

  private onTabMessage(message: TabMessage): void {
    switch (message.type) {
      case "event":
        if (!this.leader) this.setState(applyStreamEvent(this.state, message.event));
        return;
      case "status":
        if (!this.leader) this.setState({ ...this.state, status: message.status });
        return;
      case "hello":
        if (this.leader) this.post({ type: "state", state: this.state });
        return;
      case "state":
        if (!this.leader) this.setState(adoptState(this.state, message.state));
        return;
      case "dismiss":
        this.setState({ ...this.state, items: without(this.state.items, message.id) });
        return;
      case "restart":
        if (this.leader) this.connect(null);
        return;
    }
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.state.status === status) return;
    this.setState({ ...this.state, status });
    this.post({ type: "status", status });
  }

  private setState(next: StreamState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }
}

let shared: SharedEventStream | null = null;

export function getSharedEventStream(): SharedEventStream {
  shared ??= new SharedEventStream();
  return shared;
}

/** Call after signing in or out so the shared stream reconnects as the new viewer. */
export function restartAnnouncementStream(): void {
  getSharedEventStream().restart();
}
