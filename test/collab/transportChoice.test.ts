// When the editor leaves the WebSocket for the HTTP transport, and when it comes back: sockets that
// never hear the server (or die with 1006) twice in a row switch it; a background probe that hears
// the server switches it back and closes the HTTP connection so the provider reconnects.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { FAILURES_TO_SWITCH, PROBE_FIRST_MS, TransportChoice, type TransportMode } from "../../lib/collab/transportChoice";

type Listener = (event: { code?: number }) => void;
class FakeSocket {
  static made: FakeSocket[] = [];
  readonly listeners = new Map<string, Listener[]>();
  onopen = null;
  closed: { code?: number; reason?: string } | null = null;
  constructor(
    readonly url: string | URL,
    readonly kind: string,
  ) {
    FakeSocket.made.push(this);
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: { code?: number } = {}) {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
}
const WsClass = class extends FakeSocket {
  constructor(url: string | URL) {
    super(url, "ws");
  }
};
const HttpClass = class extends FakeSocket {
  constructor(url: string | URL) {
    super(url, "http");
  }
};

let changes: TransportMode[];
let choice: TransportChoice;
let Chosen: typeof WebSocket;
const open = () => new Chosen("ws://x/collab/d") as unknown as FakeSocket;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  changes = [];
  choice = new TransportChoice({ WebSocket: WsClass, HttpSocket: HttpClass, onChange: (m) => changes.push(m) });
  Chosen = choice.socketClass();
});
afterEach(() => {
  choice.stop();
  vi.useRealTimers();
});

test("a WebSocket that hears the server and closes normally never switches", () => {
  for (let i = 0; i < 5; i++) {
    const s = open();
    s.emit("open");
    s.emit("message");
    s.emit("close", { code: 1001 });
  }
  expect(choice.mode).toBe("websocket");
  expect(FakeSocket.made.every((s) => s.kind === "ws")).toBe(true);
});

test(`${FAILURES_TO_SWITCH} failures in a row switch to HTTP; a failure after a success starts the count again`, () => {
  open().emit("close", { code: 1006 });
  const good = open();
  good.emit("message");
  good.emit("close", { code: 1000 });
  open().emit("close", { code: 1006 });
  expect(choice.mode).toBe("websocket");
  // Opened, but cut before the server said anything: a proxy that accepts and drops upgrades.
  const cut = open();
  cut.emit("open");
  cut.emit("close", { code: 1005 });
  expect(choice.mode).toBe("http");
  expect(changes).toEqual(["http"]);
  expect(open().kind).toBe("http");
});

test("a probe that hears the server switches back and closes the HTTP connection; failed probes back off", () => {
  open().emit("close", { code: 1006 });
  open().emit("close", { code: 1006 });
  const http = open();
  expect(http.kind).toBe("http");
  vi.advanceTimersByTime(PROBE_FIRST_MS);
  const probe1 = FakeSocket.made.at(-1)!;
  expect(probe1.kind).toBe("ws");
  probe1.emit("open"); // opening is not enough
  probe1.emit("close", { code: 1006 });
  expect(choice.mode).toBe("http");
  vi.advanceTimersByTime(PROBE_FIRST_MS); // backed off: no probe yet
  expect(FakeSocket.made.at(-1)).toBe(probe1);
  vi.advanceTimersByTime(PROBE_FIRST_MS);
  const probe2 = FakeSocket.made.at(-1)!;
  expect(probe2).not.toBe(probe1);
  probe2.emit("message");
  expect(choice.mode).toBe("websocket");
  expect(probe2.closed?.code).toBe(1000);
  expect(http.closed?.code).toBe(1000);
  expect(changes).toEqual(["http", "websocket"]);
  expect(open().kind).toBe("ws");
});

test("offline failures do not count", () => {
  const offline = new TransportChoice({ WebSocket: WsClass, HttpSocket: HttpClass, online: () => false });
  const C = offline.socketClass();
  for (let i = 0; i < 4; i++) (new C("ws://x/collab/d") as unknown as FakeSocket).emit("close", { code: 1006 });
  expect(offline.mode).toBe("websocket");
  offline.stop();
});

// The provider hears a close only after the backoff's wait: at least what a Busy close names, a short
// spread after a working connection dropped, at once when the close was our own.
test("a Busy close reaches the provider no sooner than the wait it names, and does not count as a failure", () => {
  const s = open();
  const heard: number[] = [];
  (s as unknown as { onclose: (e: { code: number }) => void }).onclose = (e) => heard.push(e.code);
  s.emit("close", { code: 4503, reason: "The server is at capacity. Retry after 7 s." } as { code: number });
  vi.advanceTimersByTime(6_999);
  expect(heard).toEqual([]);
  vi.advanceTimersByTime(7_000 * 0.25 + 1);
  expect(heard).toEqual([4503]);
  for (let i = 0; i < FAILURES_TO_SWITCH; i++) open().emit("close", { code: 4503 });
  expect(choice.mode).toBe("websocket");
});

test("a working connection that drops is reported within the reconnect spread; our own close at once", () => {
  const s = open();
  const heard: number[] = [];
  (s as unknown as { onclose: (e: { code: number }) => void }).onclose = (e) => heard.push(e.code);
  s.emit("message");
  s.emit("close", { code: 1006 });
  vi.advanceTimersByTime(2_001);
  expect(heard).toEqual([1006]);
  const mine = open();
  const mineHeard: number[] = [];
  (mine as unknown as { onclose: (e: { code: number }) => void }).onclose = (e) => mineHeard.push(e.code);
  mine.close(1000, "bye");
  mine.emit("close", { code: 1000 });
  vi.advanceTimersByTime(0);
  expect(mineHeard).toEqual([1000]);
});
