// Which transport the collab provider's next connection uses. y-websocket builds a new socket for
// every (re)connection through its `WebSocketPolyfill`; the class this returns decides each time:
// a real WebSocket, until it failed FAILURES_TO_SWITCH times in a row (closed before the server's
// first frame, or lost with 1006: a proxy that refuses or cuts upgrades; our server always speaks
// first, with sync step 1), then the HTTP transport (httpSocket.ts). Meanwhile a real WebSocket is
// probed in the background, with backoff; once one hears the server, the HTTP connection is closed
// and the provider reconnects over WebSocket again.

//
// Every socket's close reaches the provider only after a jittered wait (pace): y-websocket's own
// reconnect delay has no jitter, so browsers that lost the same instance would come back in lockstep,
// and it cannot know the wait a Busy close names (lib/net/backoff.ts has the schedule).
import { Backoff } from "../net/backoff";
import { CloseCode, retryAfterOfClose } from "./closeCodes";

export type TransportMode = "websocket" | "http";

export const FAILURES_TO_SWITCH = 2;
export const PROBE_FIRST_MS = 3_000;
export const PROBE_MAX_MS = 60_000;

type CloseLike = { code?: number; reason?: string };
type SocketLike = {
  close(code?: number, reason?: string): void;
  addEventListener?(type: string, listener: (event: CloseLike) => void): void;
  onopen: unknown;
  onclose?: unknown;
};
type SocketClass = new (url: string | URL, protocols?: string | string[]) => SocketLike;

type State =
  | { mode: "websocket"; failures: number }
  | { mode: "http"; current: SocketLike | null; probe: ReturnType<typeof setTimeout> | null; backoffMs: number }
  | { mode: "stopped" };

export type TransportChoiceDeps = {
  WebSocket: SocketClass;
  HttpSocket: SocketClass;
  /** The probe's class: a plain WebSocket, not the provider's (which may count frames per socket). */
  ProbeSocket?: SocketClass;
  /** The reconnect schedule (tests pass one with a fixed random). */
  backoff?: Backoff;
  /** False while the browser says it is offline: failures then say nothing about the network path. */
  online?: () => boolean;
  onChange?: (mode: TransportMode) => void;
};

export class TransportChoice {
  private state: State = { mode: "websocket", failures: 0 };
  private readonly backoff: Backoff;

  constructor(private readonly deps: TransportChoiceDeps) {
    this.backoff = deps.backoff ?? new Backoff();
  }

  get mode(): TransportMode {
    return this.state.mode === "http" ? "http" : "websocket";
  }

  /** The constructor to hand y-websocket as `WebSocketPolyfill`. */
  socketClass(): typeof WebSocket {
    const choice = this;
    // A constructor that returns another object: `new` gives the caller whichever socket was chosen.
    function ChosenSocket(url: string | URL, protocols?: string | string[]) {
      return choice.open(url, protocols);
    }
    Object.assign(ChosenSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    return ChosenSocket as unknown as typeof WebSocket;
  }

  /** The provider is gone: no more probes. */
  stop(): void {
    if (this.state.mode === "http" && this.state.probe) clearTimeout(this.state.probe);
    this.state = { mode: "stopped" };
  }

  private open(url: string | URL, protocols?: string | string[]): SocketLike {
    const state = this.state;
    if (state.mode === "http") {
      const socket = new this.deps.HttpSocket(url, protocols);
      state.current = socket;
      state.probe ??= this.scheduleProbe(url, state.backoffMs);
      return this.pace(socket, "http");
    }
    const socket = new this.deps.WebSocket(url, protocols);
    let heard = false;
    socket.addEventListener?.("message", () => {
      if (heard) return;
      heard = true;
      if (this.state.mode === "websocket") this.state.failures = 0;
    });
    socket.addEventListener?.("close", (event) => {
      if (this.state.mode !== "websocket") return;
      if (this.deps.online && !this.deps.online()) return;
      if (event.code === CloseCode.Busy) return; // the server answered: the path works, it is only full
      if (heard && event.code !== 1006) return;
      this.state.failures += 1;
      if (this.state.failures >= FAILURES_TO_SWITCH) this.switchTo("http", url);
    });
    return this.pace(socket, "websocket");
  }

  /**
   * Holds the socket's close back from the provider (whose `onclose` starts its reconnect) for the
   * backoff's wait: a short random one after a working connection dropped, at least the named wait
   * after a Busy close, exponential after failures. A close we asked for passes at once.
   */
  private pace(socket: SocketLike, kind: "websocket" | "http"): SocketLike {
    let handler: ((event: CloseLike) => void) | null = null;
    let worked = false;
    let ours = false;
    const delayed = (event: CloseLike) => {
      const advised = retryAfterOfClose(event.code ?? 0, event.reason ?? "");
      const wait = ours ? 0 : advised !== null ? this.backoff.failed(advised) : worked ? this.backoff.dropped() : this.backoff.failed();
      setTimeout(() => handler?.(event), wait);
    };
    socket.addEventListener?.("message", () => {
      if (worked) return;
      worked = true;
      this.backoff.succeeded();
    });
    const close = socket.close.bind(socket);
    socket.close = (code?: number, reason?: string) => {
      ours = true;
      close(code, reason);
    };
    // A browser WebSocket fires "close" listeners (its own onclose attribute is shadowed below and
    // never set); HttpSocket calls `this.onclose`, which reads the getter.
    if (kind === "websocket") socket.addEventListener?.("close", delayed);
    Object.defineProperty(socket, "onclose", {
      configurable: true,
      get: () => (kind === "http" && handler ? delayed : handler),
      set: (next: ((event: CloseLike) => void) | null) => {
        handler = next;
      },
    });
    if (kind === "http") {
      // HttpSocket has no message listeners: its first frame is seen through onmessage.
      const original = Object.getOwnPropertyDescriptor(socket, "onmessage");
      let onmessage: ((event: unknown) => void) | null = (original?.value as ((event: unknown) => void) | null) ?? null;
      Object.defineProperty(socket, "onmessage", {
        configurable: true,
        get: () =>
          onmessage &&
          ((event: unknown) => {
            if (!worked) {
              worked = true;
              this.backoff.succeeded();
            }
            onmessage?.(event);
          }),
        set: (next: ((event: unknown) => void) | null) => {
          onmessage = next;
        },
      });
    }
    return socket;
  }

  private switchTo(mode: TransportMode, url: string | URL): void {
    const was = this.state;
    if (was.mode === "stopped") return;
    if (mode === "http") {
      this.state = { mode: "http", current: null, probe: null, backoffMs: PROBE_FIRST_MS };
      this.state.probe = this.scheduleProbe(url, PROBE_FIRST_MS);
    } else {
      if (was.mode === "http" && was.probe) clearTimeout(was.probe);
      this.state = { mode: "websocket", failures: 0 };
      // The provider sees an ordinary close and reconnects, now over WebSocket.
      if (was.mode === "http") was.current?.close(1000, "Switching back to WebSocket.");
    }
    this.deps.onChange?.(mode);
  }

  private scheduleProbe(url: string | URL, delayMs: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.probe(url), delayMs);
  }

  private probe(url: string | URL): void {
    const state = this.state;
    if (state.mode !== "http") return;
    const probe = new (this.deps.ProbeSocket ?? this.deps.WebSocket)(url);
    let heard = false;
    // Opening is not enough (a proxy may accept the upgrade and then cut it): the server must speak.
    probe.addEventListener?.("message", () => {
      if (heard) return;
      heard = true;
      probe.close(1000, "Probe done.");
      this.switchTo("websocket", url);
    });
    probe.addEventListener?.("close", () => {
      if (heard || this.state.mode !== "http") return;
      this.state.backoffMs = Math.min(this.state.backoffMs * 2, PROBE_MAX_MS);
      this.state.probe = this.scheduleProbe(url, this.state.backoffMs);
    });
    // A probe that never answers counts as failed (some proxies hold the upgrade open).
    probe.addEventListener?.("error", () => {});
  }
}
