// The pure parts of the event stream: ids, the replay ring, audience checks, path patterns,
// visibility over time, the change diff and SSE framing.
import { describe, expect, it } from "vitest";
import { EventIdSource, numericFromStreamId, parseEventId, streamIdFromNumeric } from "../../server/events/eventIds";
import { decodeEntry } from "../../server/events/redisEventLog";
import { EventRing, type StreamEntry } from "../../server/events/ring";
import { canDeliver, viewersOf, viewerOf } from "../../server/events/audience";
import { matchesTargetPath } from "../../lib/announcements/targetPath";
import { nextBoundary, statusOf } from "../../server/events/schedule";
import { diffVisible } from "../../server/events/changes";
import { formatEvent } from "../../server/events/sseFormat";
import type { AnnouncementView } from "../../lib/announcements/types";

const entry = (id: number): StreamEntry => ({ id, event: "announcement", data: { id }, to: { viewers: ["anonymous"] } });

describe("EventIdSource", () => {
  it("starts from the clock and never repeats or goes back, even if the clock does", () => {
    let now = 1_000;
    const ids = new EventIdSource(() => now);
    expect(ids.base).toBe(1_000_000);
    const a = ids.next();
    const b = ids.next();
    now = 500; // clock jumped back
    const c = ids.next();
    now = 2_000;
    const d = ids.next();
    expect([a, b, c, d]).toEqual([1_000_001, 1_000_002, 1_000_003, 2_000_000]);
    // A restarted process (later clock) starts above everything the old one issued.
    expect(new EventIdSource(() => 2_001).base).toBeGreaterThan(d);
  });

  it("parses only plain non-negative integers", () => {
    expect(parseEventId("123")).toBe(123);
    for (const bad of [null, undefined, "", "-1", "1e5", "12abc", "99999999999999999"]) expect(parseEventId(bad)).toBeNull();
  });

  it("maps shared-log stream ids to numbers that order as the stream does, and back", () => {
    expect(numericFromStreamId("1780000000000-0")).toBe(1_780_000_000_000_000);
    expect(numericFromStreamId("1780000000000-999")).toBe(1_780_000_000_000_999);
    expect(numericFromStreamId("1780000000001-0")).toBeGreaterThan(numericFromStreamId("1780000000000-999")!);
    expect(streamIdFromNumeric(1_780_000_000_000_042)).toBe("1780000000000-42");
    for (const bad of ["1780000000000-1000", "abc-1", "1780000000000", "-1-0", "1-2-3"]) expect(numericFromStreamId(bad)).toBeNull();
  });

  it("reads back only well-formed shared-log entries", () => {
    const payload = JSON.stringify({ event: "announcement", data: { id: "a" }, to: { viewers: ["user"], users: ["u1"], except: ["u2"] } });
    const entry = decodeEntry("1780000000000-3", ["e", payload]);
    expect(entry).toEqual({
      id: 1_780_000_000_000_003,
      event: "announcement",
      data: { id: "a" },
      to: { viewers: ["user"], users: new Set(["u1"]), except: new Set(["u2"]) },
    });
    expect(decodeEntry("1780000000000-3", ["e", "{not json"])).toBeNull();
    expect(decodeEntry("1780000000000-3", ["e", JSON.stringify({ event: "x", data: 1, to: { viewers: ["root"] } })])).toBeNull();
    expect(decodeEntry("1780000000000-3", ["other", payload])).toBeNull();
  });
});

describe("EventRing", () => {
  it("replays the events after an id, in order", () => {
    const ring = new EventRing(10, 100);
    for (const id of [101, 102, 105, 107]) ring.push(entry(id));
    expect(ring.since(100)).toEqual({ kind: "replay", entries: [101, 102, 105, 107].map(entry) });
    expect(ring.since(102)).toEqual({ kind: "replay", entries: [105, 107].map(entry) });
    expect(ring.since(103)).toEqual({ kind: "replay", entries: [105, 107].map(entry) });
    expect(ring.since(107)).toEqual({ kind: "replay", entries: [] });
  });

  it("stays bounded and reports ids it can no longer answer for", () => {
    const ring = new EventRing(3, 0);
    for (let id = 1; id <= 10; id++) ring.push(entry(id));
    expect(ring.size).toBe(3);
    expect(ring.since(7)).toEqual({ kind: "replay", entries: [8, 9, 10].map(entry) });
    expect(ring.since(6)).toEqual({ kind: "too-old" }); // 7 was evicted
    expect(ring.since(11)).toEqual({ kind: "too-old" }); // from the future: another process
  });

  it("knows nothing before it started", () => {
    const ring = new EventRing(3, 500);
    expect(ring.since(499)).toEqual({ kind: "too-old" });
    expect(ring.since(500)).toEqual({ kind: "replay", entries: [] });
    expect(() => ring.push(entry(500))).toThrow();
  });
});

describe("audience", () => {
  it("nests everyone ⊇ users ⊇ admins", () => {
    expect(viewersOf("everyone")).toEqual(["anonymous", "user", "admin"]);
    expect(viewersOf("users")).toEqual(["user", "admin"]);
    expect(viewersOf("admins")).toEqual(["admin"]);
    expect(viewerOf(null)).toBe("anonymous");
    expect(viewerOf({ id: "u", email: "e", name: "n", isAdmin: true })).toBe("admin");
  });

  it("checks viewer, user and path hint", () => {
    const anon = { viewer: "anonymous", userId: null, pathHint: null } as const;
    const bob = { viewer: "user", userId: "bob", pathHint: "/documents/1" } as const;
    expect(canDeliver({ viewers: viewersOf("users") }, anon)).toBe(false);
    expect(canDeliver({ viewers: viewersOf("users") }, bob)).toBe(true);
    expect(canDeliver({ viewers: viewersOf("everyone"), userId: "alice" }, bob)).toBe(false);
    expect(canDeliver({ viewers: viewersOf("everyone"), userId: "bob" }, bob)).toBe(true);
    expect(canDeliver({ viewers: viewersOf("everyone"), path: { pattern: "/settings" } }, bob)).toBe(false);
    expect(canDeliver({ viewers: viewersOf("everyone"), path: { pattern: "/documents/*" } }, bob)).toBe(true);
    expect(canDeliver({ viewers: viewersOf("everyone"), path: { pattern: "/documents/*", negate: true } }, bob)).toBe(false);
    expect(canDeliver({ viewers: viewersOf("everyone"), path: { pattern: "/settings" } }, anon)).toBe(true); // no hint
  });

  it("matches target path patterns", () => {
    expect(matchesTargetPath(null, "/x")).toBe(true);
    expect(matchesTargetPath("/documents/*", "/documents/abc")).toBe(true);
    expect(matchesTargetPath("/documents/*", "/documents/abc/history")).toBe(true);
    expect(matchesTargetPath("/documents/*", "/documents")).toBe(true);
    expect(matchesTargetPath("/documents/*", "/documentsX")).toBe(false);
    expect(matchesTargetPath("/admin", "/admin/")).toBe(true);
    expect(matchesTargetPath("/admin", "/admin/x")).toBe(false);
    expect(matchesTargetPath("/doc*", "/documents")).toBe(true);
  });
});

describe("schedule", () => {
  const t = (ms: number) => new Date(ms);
  it("derives status from the times", () => {
    const base = { kind: "banner", startsAt: t(100), endsAt: t(200), revokedAt: null };
    expect(statusOf(base, 50)).toBe("scheduled");
    expect(statusOf(base, 100)).toBe("active");
    expect(statusOf(base, 200)).toBe("ended");
    expect(statusOf({ ...base, revokedAt: t(150) }, 150)).toBe("revoked");
    expect(statusOf({ ...base, kind: "maintenance" }, 50)).toBe("active"); // announced ahead of its start
  });

  it("finds the next start or end", () => {
    const list = [
      { kind: "banner", startsAt: t(300), endsAt: null, revokedAt: null },
      { kind: "banner", startsAt: t(0), endsAt: t(250), revokedAt: null },
      { kind: "banner", startsAt: t(120), endsAt: null, revokedAt: t(1) },
      { kind: "maintenance", startsAt: t(110), endsAt: t(400), revokedAt: null },
    ];
    expect(nextBoundary(list, 100)).toBe(250);
    expect(nextBoundary(list, 250)).toBe(300);
    expect(nextBoundary(list, 400)).toBeNull();
  });
});

describe("diffVisible", () => {
  const view = (id: string, over: Partial<AnnouncementView> = {}): AnnouncementView => ({
    id,
    title: id,
    body: "",
    severity: "info",
    kind: "banner",
    audience: "everyone",
    targetPath: null,
    startsAt: "2026-01-01T00:00:00.000Z",
    endsAt: null,
    dismissible: true,
    requiresAck: false,
    contentVersion: 1,
    updatedAt: "v1",
    ...over,
  });

  it("announces new and changed ones, revokes gone ones, ignores unchanged ones", () => {
    const before = new Map([
      ["a", view("a")],
      ["b", view("b")],
      ["c", view("c")],
    ]);
    const events = diffVisible(before, [view("a"), view("b", { updatedAt: "v2" }), view("d", { kind: "maintenance" })]);
    expect(events.map((e) => [e.event, (e.data as { id: string }).id])).toEqual([
      ["announcement", "b"],
      ["maintenance", "d"],
      ["announcement-revoked", "c"],
    ]);
  });

  it("takes it back from viewers outside a narrowed audience or path", () => {
    const before = new Map([["a", view("a")]]);
    const events = diffVisible(before, [view("a", { audience: "users", targetPath: "/documents/*", updatedAt: "v2" })]);
    expect(events).toEqual([
      { event: "announcement-revoked", data: { id: "a" }, to: { viewers: ["anonymous"] }, dedupe: expect.any(String) },
      {
        event: "announcement-revoked",
        data: { id: "a" },
        to: { viewers: ["user", "admin"], path: { pattern: "/documents/*", negate: true } },
        dedupe: expect.any(String),
      },
      {
        event: "announcement",
        data: expect.objectContaining({ id: "a" }),
        to: { viewers: ["user", "admin"], tally: "a", path: { pattern: "/documents/*" } },
        dedupe: expect.any(String),
      },
    ]);
  });

  it("names each change the same on every instance, and differently for another version or audience", () => {
    const before = new Map([["a", view("a")]]);
    const now = [view("a", { audience: "users", targetPath: "/documents/*", updatedAt: "v2" })];
    const keys = diffVisible(before, now).map((e) => e.dedupe);
    expect(diffVisible(new Map(before), [...now]).map((e) => e.dedupe)).toEqual(keys); // another instance, same change
    expect(new Set(keys).size).toBe(3);
    const later = diffVisible(before, [view("a", { audience: "users", targetPath: "/documents/*", updatedAt: "v3" })]).map((e) => e.dedupe);
    expect(later.at(-1)).not.toBe(keys.at(-1));
  });
});

describe("SSE framing", () => {
  it("writes id, event and one data line of JSON, ended by a blank line", () => {
    expect(formatEvent(7, "announcement", { title: "a\nb" })).toBe('id: 7\nevent: announcement\ndata: {"title":"a\\nb"}\n\n');
    expect(() => formatEvent(1, "bad\nname", {})).toThrow();
  });
});

describe("the browser's stream state", async () => {
  const { applyStreamEvent, adoptState, initialStreamState } = await import("../../lib/announcements/state");
  const a = { id: "a", title: "A" } as AnnouncementView;

  it("follows announcements, revocations, dismissals, version and reset", () => {
    let s = applyStreamEvent(initialStreamState, { name: "version", id: "1", data: { buildId: "b1", viewer: "user" } });
    s = applyStreamEvent(s, { name: "announcement", id: "2", data: a });
    expect(Object.keys(s.items)).toEqual(["a"]);
    expect(s.lastEventId).toBe("2");
    expect(applyStreamEvent(s, { name: "announcement-revoked", id: "3", data: { id: "a" } }).items).toEqual({});
    expect(applyStreamEvent(s, { name: "announcement-dismissed", id: "3", data: { id: "a" } }).items).toEqual({});
    expect(applyStreamEvent(s, { name: "reset", id: "4", data: {} }).items).toEqual({});
    const redeployed = applyStreamEvent(s, { name: "version", id: "5", data: { buildId: "b2", viewer: "user" } });
    expect([redeployed.firstBuildId, redeployed.buildId]).toEqual(["b1", "b2"]);
    // Another tab's state keeps this tab's own first build id.
    expect(adoptState(redeployed, { ...initialStreamState, buildId: "b3", firstBuildId: "b3" }).firstBuildId).toBe("b1");
  });
});

describe("build id", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { readBuildId, FALLBACK_BUILD_ID } = await import("../../server/events/buildId");
  it("reads .next/BUILD_ID, or falls back to a constant", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-build-"));
    expect(readBuildId(dir)).toBe(FALLBACK_BUILD_ID);
    fs.mkdirSync(path.join(dir, ".next"));
    fs.writeFileSync(path.join(dir, ".next", "BUILD_ID"), "abc123\n");
    expect(readBuildId(dir)).toBe("abc123");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
