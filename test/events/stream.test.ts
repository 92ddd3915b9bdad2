// GET /api/events: headers, framing, heartbeat, replay from Last-Event-ID / ?lastEventId=, reset for
// an id that is too old, release of closed streams, and dropping a client that stops reading.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { RECONNECT_RETRY_MS, sseConnectionCount } from "../../server/events/hub";
import { SseReader, startEventsServer } from "./helpers";

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startEventsServer({ heartbeatMs: 200, ringCapacity: 5, maxBacklogBytes: 32 * 1024, buildId: "build-1" });
  admin = new ApiClient(server.url);
  expect((await admin.signup("Ada")).isAdmin).toBe(true);
});
afterAll(() => server.stop());

const publish = async (title: string, extra: Record<string, unknown> = {}) => {
  const res = await admin.post("/api/admin/announcements", { title, body: "Hello **world**", ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string };
};

describe("the event stream", () => {
  it("answers with event-stream headers, a retry hint and a version event", async () => {
    const reader = await SseReader.open(`${server.url}/api/events`);
    expect(reader.status).toBe(200);
    expect(reader.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(reader.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(reader.headers["x-accel-buffering"]).toBe("no");
    expect(reader.headers["content-encoding"]).toBeUndefined();
    const version = await reader.waitForEvent("version");
    expect(version.data).toEqual({ buildId: "build-1", viewer: "anonymous" });
    expect(reader.frames[0].retry).toBeGreaterThan(0);
    expect(reader.raw).toMatch(/^retry: \d+\n\nid: \d+\nevent: version\ndata: \{.*\}\n\n/);
    reader.close();
  });

  it("sends the body unchunked, delimited by the connection, so frames go to the socket as they are", async () => {
    // Through node:http's chunked framing every write to every stream was corked, uncorked a tick later
    // and written as three buffers: most of an announcement's CPU at 10,000 streams.
    const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1");
    let raw = "";
    socket.on("data", (chunk) => (raw += chunk.toString("latin1")));
    socket.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => raw, { timeout: 3000 }).toMatch(/\r\n\r\nretry: \d+\n\nid: \d+\nevent: version\n/);
    const [head, body] = raw.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head).not.toMatch(/^transfer-encoding:/im);
    expect(head).toMatch(/^connection: close$/im);
    expect(body).toMatch(/^retry: \d+\n\n/);
    socket.destroy();
  });

  it("gives each stream its own reconnect hint, spread around the nominal delay", async () => {
    // Streams of an instance that dies all drop at once; one fixed `retry:` would bring them back as one.
    const readers = await Promise.all(Array.from({ length: 8 }, () => SseReader.open(`${server.url}/api/events`)));
    await Promise.all(readers.map((r) => r.waitForEvent("version")));
    const hints = readers.map((r) => r.frames[0].retry as number);
    for (const ms of hints) {
      expect(ms).toBeGreaterThanOrEqual(RECONNECT_RETRY_MS / 2);
      expect(ms).toBeLessThanOrEqual(RECONNECT_RETRY_MS * 1.5);
    }
    expect(new Set(hints).size).toBeGreaterThan(1);
    for (const r of readers) r.close();
  });

  it("frames each announcement with id, event and JSON data, ids increasing", async () => {
    const reader = await SseReader.open(`${server.url}/api/events`);
    await reader.waitForEvent("version");
    const a = await publish("First");
    const b = await publish("Second");
    const fa = await reader.waitForEvent("announcement", (d) => d.id === a.id);
    const fb = await reader.waitForEvent("announcement", (d) => d.id === b.id);
    expect(fa.data).toMatchObject({ title: "First", body: "Hello **world**", severity: "info", kind: "banner", audience: "everyone", dismissible: true });
    expect(Number(fb.id)).toBeGreaterThan(Number(fa.id));
    expect(reader.raw).toContain(`id: ${fa.id}\nevent: announcement\ndata: {`);
    for (const f of reader.events) expect(f.id).toMatch(/^\d+$/);
    reader.close();
  });

  it("sends a heartbeat comment at the configured interval", async () => {
    const reader = await SseReader.open(`${server.url}/api/events`);
    await reader.waitFor(() => reader.frames.filter((f) => f.comment === "heartbeat").length >= 2, 3000, "two heartbeats");
    reader.close();
  });

  it("sends the current announcements on connect", async () => {
    const a = await publish("Already there");
    const reader = await SseReader.open(`${server.url}/api/events`);
    const frame = await reader.waitForEvent("announcement", (d) => d.id === a.id);
    expect(frame.data.title).toBe("Already there");
    reader.close();
  });

  for (const via of ["header", "query"] as const) {
    it(`replays exactly the missed events after a gap (Last-Event-ID via ${via})`, async () => {
      const first = await SseReader.open(`${server.url}/api/events`);
      const marker = await publish(`Marker ${via}`);
      const seen = await first.waitForEvent("announcement", (d) => d.id === marker.id);
      first.close();
      await first.waitFor(() => first.closed, 2000, "close");

      const missed = [await publish(`Missed 1 ${via}`), await publish(`Missed 2 ${via}`)];
      const revoked = await admin.delete(`/api/admin/announcements/${marker.id}`);
      expect(revoked.status).toBe(200);

      const url = via === "query" ? `${server.url}/api/events?lastEventId=${seen.id}` : `${server.url}/api/events`;
      const headers: Record<string, string> = via === "header" ? { "last-event-id": seen.id! } : {};
      const again = await SseReader.open(url, headers);
      await again.waitForEvent("announcement-revoked", (d) => d.id === marker.id);
      await new Promise((r) => setTimeout(r, 100));
      const afterVersion = again.events.filter((f) => f.event !== "version");
      expect(afterVersion.map((f) => [f.event, f.data.id])).toEqual([
        ["announcement", missed[0].id],
        ["announcement", missed[1].id],
        ["announcement-revoked", marker.id],
      ]);
      const ids = afterVersion.map((f) => Number(f.id));
      expect(ids[0]).toBeGreaterThan(Number(seen.id));
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(again.named("reset")).toHaveLength(0);
      again.close();
    });
  }

  it("tells a client with an id too old to replay to reset, then sends the current state", async () => {
    const first = await SseReader.open(`${server.url}/api/events`);
    const old = await publish("Old one");
    const seen = await first.waitForEvent("announcement", (d) => d.id === old.id);
    first.close();
    // A stream that stays: the fillers are in the ring once it has seen the last (on PostgreSQL the
    // events can reach the hub a moment after the HTTP answers).
    const watcher = await SseReader.open(`${server.url}/api/events`);
    for (let i = 0; i < 6; i++) await publish(`Filler ${i}`); // more than the ring holds (5)
    await watcher.waitForEvent("announcement", (d) => d.title === "Filler 5");
    watcher.close();
    const again = await SseReader.open(`${server.url}/api/events`, { "last-event-id": seen.id! });
    await again.waitForEvent("reset");
    const current = await again.waitForEvent("announcement", (d) => d.title === "Filler 5");
    const names = again.events.map((f) => f.event);
    expect(names.indexOf("reset")).toBeLessThan(again.events.indexOf(current));
    expect(again.named("announcement").some((f) => f.data.id === old.id)).toBe(true); // still active: part of the state
    again.close();

    // An id from before a restart (or garbage) is treated the same way.
    for (const stale of ["1", "not-a-number"]) {
      const r = await SseReader.open(`${server.url}/api/events?lastEventId=${stale}`);
      await r.waitForEvent("reset");
      r.close();
    }
  });

  it("opens a signed-in resume the ring answers without reading dismissals; a reset still leaves them out", async () => {
    // A failover brings every stream of the dead instance back at once: those resumes skip the database.
    const member = new ApiClient(server.url);
    await member.signup("Mia");
    const dismissed = await publish("Dismissed by Mia");
    const kept = await publish("Kept for Mia");
    expect((await member.post(`/api/announcements/${dismissed.id}/dismiss`, {})).status).toBe(204);
    const first = await SseReader.open(`${server.url}/api/events`, { cookie: member.cookie });
    const seen = await first.waitForEvent("announcement", (d) => d.id === kept.id);
    expect(first.named("announcement").some((f) => f.data.id === dismissed.id)).toBe(false);
    first.close();

    const hiddenIds = vi.spyOn(server.services.announcements.store, "hiddenIds");
    try {
      const resumed = await SseReader.open(`${server.url}/api/events`, { cookie: member.cookie, "last-event-id": seen.id! });
      await resumed.waitForEvent("version");
      const missed = await publish("Missed by nobody");
      await resumed.waitForEvent("announcement", (d) => d.id === missed.id);
      expect(resumed.named("reset")).toHaveLength(0);
      expect(hiddenIds).not.toHaveBeenCalled();
      resumed.close();

      const reset = await SseReader.open(`${server.url}/api/events?lastEventId=1`, { cookie: member.cookie });
      await reset.waitForEvent("reset");
      await reset.waitForEvent("announcement", (d) => d.id === kept.id);
      expect(reset.named("announcement").some((f) => f.data.id === dismissed.id)).toBe(false);
      expect(hiddenIds).toHaveBeenCalledTimes(1);
      reset.close();
    } finally {
      hiddenIds.mockRestore();
    }
  });

  it("releases a closed stream at once", async () => {
    await new Promise((r) => setTimeout(r, 200)); // let earlier tests' closed streams go
    const before = sseConnectionCount();
    const reader = await SseReader.open(`${server.url}/api/events`);
    await reader.waitForEvent("version");
    expect(sseConnectionCount()).toBe(before + 1);
    reader.close();
    await reader.waitFor(() => sseConnectionCount() === before || undefined, 2000, "connection released");
  });

  it("drops a client that stops reading once its backlog passes the limit, and keeps the others", async () => {
    const healthy = await SseReader.open(`${server.url}/api/events`);
    await healthy.waitForEvent("version");
    const stalled = net.connect(Number(new URL(server.url).port), "127.0.0.1");
    await new Promise<void>((r) => stalled.once("connect", () => r()));
    stalled.write("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
    stalled.pause(); // never read: the kernel buffers fill, then Node's, then the limit trips
    let stalledClosed = false;
    stalled.on("close", () => (stalledClosed = true));
    stalled.on("error", () => undefined);
    await healthy.waitFor(() => sseConnectionCount() >= 2 || undefined, 2000, "both connected");

    // Edit one large announcement over and over: each edit is one ~19 KB event to every stream.
    const big = "x".repeat(19_000);
    const target = await publish("Big", { body: big });
    let sent = 1;
    const started = Date.now();
    // Loopback socket buffers hold megabytes (200 to 900 such events here) before the server's own
    // limit can trip; on PostgreSQL each edit takes longer, hence the long timeout below.
    for (; sent < 2000 && sseConnectionCount() >= 2; sent++) {
      expect((await admin.patch(`/api/admin/announcements/${target.id}`, { title: `Big ${sent}` })).status).toBe(200);
    }
    await healthy.waitFor(() => sseConnectionCount() === 1 || undefined, 5000, "stalled client dropped");
    console.log(`slow client dropped after ${sent} events of ~19 KB (~${((sent * 19) / 1024).toFixed(1)} MB) in ${Date.now() - started} ms`);
    await healthy.waitForEvent("announcement", (d) => d.title === `Big ${sent - 1}`);
    expect(healthy.closed).toBe(false);
    stalled.destroy();
    expect(stalledClosed || stalled.destroyed).toBe(true);
  }, 180_000);
});
