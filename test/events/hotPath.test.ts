// The event stream's hot path: one event is encoded once and the same bytes go to every stream that
// may see it; streams of other audiences are not even looked at; one timer wheel beats heartbeats,
// spread over the interval and skipped for streams that were just written to.
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, expect, test, vi } from "vitest";
import { SseHub } from "../../server/events/hub";
import type { Recipient } from "../../server/events/audience";
import { HeartbeatWheel, type Beating } from "../../server/events/heartbeatWheel";

/** A response that records what was written (the hub's edge; real sockets are covered by stream.test.ts). */
class RecordingResponse extends EventEmitter {
  writes: Array<Buffer | string> = [];
  writableLength = 0;
  socket = null;
  shouldKeepAlive = true;
  removeHeader() {}
  writeHead() {
    return this;
  }
  flushHeaders() {}
  write(chunk: Buffer | string) {
    this.writes.push(chunk);
    return true;
  }
  end() {
    this.emit("close");
  }
  destroy() {
    this.emit("close");
  }
}

let hub: SseHub | undefined;
afterEach(() => {
  hub?.close();
  vi.useRealTimers();
});

function attach(h: SseHub, recipient: Recipient) {
  const res = new RecordingResponse();
  h.attach({ res: res as unknown as ServerResponse, recipient, lastEventId: null, resumeRequested: false, greeting: [], snapshot: () => [] });
  return res;
}

test("an event is encoded once: every recipient is handed the very same buffer", () => {
  hub = new SseHub();
  const streams = Array.from({ length: 50 }, (_, i) => attach(hub!, { viewer: i % 2 ? "user" : "anonymous", userId: i % 2 ? `u${i}` : null, pathHint: null }));
  hub.publish("announcement", { title: "Maintenance at ten" }, { viewers: ["anonymous", "user", "admin"] });
  const frames = streams.map((s) => s.writes.at(-1));
  expect(frames[0]).toBeInstanceOf(Buffer);
  expect(new Set(frames).size).toBe(1);
  expect(String(frames[0])).toMatch(/^id: \d+\nevent: announcement\ndata: \{"title":"Maintenance at ten"\}\n\n$/);
});

test("an event for admins or for one account reaches those streams and no other", () => {
  hub = new SseHub();
  const anon = attach(hub, { viewer: "anonymous", userId: null, pathHint: null });
  const ana = attach(hub, { viewer: "user", userId: "ana", pathHint: null });
  const anaOtherTab = attach(hub, { viewer: "user", userId: "ana", pathHint: null });
  const bo = attach(hub, { viewer: "user", userId: "bo", pathHint: null });
  const admin = attach(hub, { viewer: "admin", userId: "root", pathHint: null });
  const before = [anon, ana, anaOtherTab, bo, admin].map((s) => s.writes.length);
  hub.publish("announcement", { id: "a1" }, { viewers: ["admin"] });
  hub.publish("announcement-dismissed", { id: "a2" }, { viewers: ["user", "admin"], userId: "ana" });
  const got = [anon, ana, anaOtherTab, bo, admin].map((s, i) => s.writes.length - before[i]);
  expect(got).toEqual([0, 1, 1, 0, 1]);
});

test("a closed stream leaves every index: later events are not written to it", () => {
  hub = new SseHub();
  const ana = attach(hub, { viewer: "user", userId: "ana", pathHint: null });
  ana.emit("close");
  const count = ana.writes.length;
  hub.publish("announcement", {}, { viewers: ["user"] });
  hub.publish("announcement", {}, { viewers: ["user"], userId: "ana" });
  expect(ana.writes.length).toBe(count);
  expect(hub.connectionCount).toBe(0);
});

test("the wheel beats each idle stream once per interval, spread over the interval, and skips busy ones", () => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
  const interval = 1_600;
  const wheel = new HeartbeatWheel<Beating & { beats: number[] }>(interval);
  const streams = Array.from({ length: 64 }, () => ({
    lastWriteAt: performance.now(),
    beats: [] as number[],
    beat() {
      this.beats.push(performance.now());
      this.lastWriteAt = performance.now();
    },
  }));
  for (const s of streams) wheel.add(s);
  const busy = streams[0];
  for (let t = 0; t < 4 * interval; t += 100) {
    busy.lastWriteAt = performance.now(); // written to all the time: never idle
    vi.advanceTimersByTime(100);
  }
  expect(busy.beats).toEqual([]);
  for (const s of streams.slice(1)) {
    expect(s.beats.length).toBeGreaterThanOrEqual(2);
    expect(s.beats.length).toBeLessThanOrEqual(4);
  }
  // Spread: the beats of one tick are one slot's worth (64 / 16), not all streams at once.
  const perInstant = new Map<number, number>();
  for (const s of streams) for (const at of s.beats) perInstant.set(at, (perInstant.get(at) ?? 0) + 1);
  expect(Math.max(...perInstant.values())).toBeLessThanOrEqual(4);
  for (const s of streams) wheel.remove(s);
  expect(wheel.size).toBe(0);
});
