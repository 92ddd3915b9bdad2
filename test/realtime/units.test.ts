// The small pure pieces behind the realtime channel, without a network.
import { describe, expect, test } from "vitest";
import { TokenBucket } from "../../server/realtime/tokenBucket";
import { LocalPresence } from "../../server/realtime/presence";
import { findMentioned, mentionHandles } from "../../server/domain/mentions";
import { isRelativePosition } from "../../server/domain/commentAnchors";

describe("TokenBucket", () => {
  test("passes a burst up to capacity, then refills at the given rate", () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 499;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    now += 60_000; // never more than the capacity
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe("LocalPresence", () => {
  const ana = { id: "a", name: "Ana" };
  const bo = { id: "b", name: "Bo" };

  test("reports changes in the set of users, not in the number of their tabs", () => {
    const p = new LocalPresence();
    expect(p.join("d1", "s1", ana)).toBe(true);
    expect(p.join("d1", "s2", ana)).toBe(false); // Ana's second tab
    expect(p.join("d1", "s3", bo)).toBe(true);
    expect(p.usersIn("d1")).toEqual([ana, bo]);
    expect(p.leave("d1", "s1")).toBe(false);
    expect(p.leaveEverywhere("s2")).toEqual(["d1"]);
    expect(p.usersIn("d1")).toEqual([bo]);
  });

  test("drops a revoked user's sockets and forgets deleted documents", () => {
    const p = new LocalPresence();
    p.join("d1", "s1", ana);
    p.join("d1", "s2", bo);
    p.join("d2", "s2", bo);
    expect(p.leaveUser("d1", "b")).toBe(true);
    expect(p.usersIn("d1")).toEqual([ana]);
    expect(p.usersIn("d2")).toEqual([bo]);
    p.forgetDocument("d2");
    expect(p.usersIn("d2")).toEqual([]);
    expect(p.leaveEverywhere("s2")).toEqual([]);
  });
});

describe("mentions", () => {
  const members = [
    { userId: "1", name: "Ana Lopez", email: "ana.lopez@example.com" },
    { userId: "2", name: "Bo", email: "b.o@example.com" },
    { userId: "3", name: "Émile Zola", email: "ez@example.com" },
  ];

  test("match first name, full name without spaces, quoted full name or email local part", () => {
    expect(findMentioned("@ana please", members)).toEqual(["1"]);
    expect(findMentioned("@AnaLopez and @b.o.", members)).toEqual(["1", "2"]);
    expect(findMentioned('cc @"émile zola"', members)).toEqual(["3"]);
    expect(findMentioned("@ez, thoughts?", members)).toEqual(["3"]);
  });

  test("ignore emails, unknown handles and bare @", () => {
    expect(findMentioned("mail ana@example.com or bo@x.y", members)).toEqual([]);
    expect(findMentioned("@nobody @ @@", members)).toEqual([]);
    expect(mentionHandles("hi @ana.")).toEqual(["ana"]);
  });
});

describe("comment anchors", () => {
  test("accept Yjs relative positions and refuse other bytes", () => {
    expect(isRelativePosition("AQdkZWZhdWx0AA==")).toBe(true);
    expect(isRelativePosition("AM+c8+cHBAA=")).toBe(true);
    expect(isRelativePosition("/////w==")).toBe(false);
    expect(isRelativePosition("")).toBe(false);
  });
});
