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
  const peer = (userId: string, userName: string) => ({ userId, userName });
  const ana = { id: "a", name: "Ana" };
  const bo = { id: "b", name: "Bo" };

  test("reports changes in the set of accounts, not in the number of their connections", () => {
    const p = new LocalPresence();
    const [tab1, tab2, tab3] = [peer("a", "Ana"), peer("a", "Ana"), peer("a", "Ana")];
    const boTab = peer("b", "Bo");
    expect(p.joined("d1", tab1)).toBe(true);
    expect(p.joined("d1", tab2)).toBe(false); // Ana's second tab
    expect(p.joined("d1", tab3)).toBe(false); // and third
    expect(p.joined("d1", boTab)).toBe(true);
    expect(p.usersIn("d1")).toEqual([ana, bo]);
    expect(p.left("d1", tab1)).toBe(false);
    expect(p.left("d1", tab2)).toBe(false);
    expect(p.left("d1", tab3)).toBe(true);
    expect(p.usersIn("d1")).toEqual([bo]);
    expect(p.documents()).toEqual(["d1"]);
  });

  test("a leave told twice, or for a connection never counted, changes nothing", () => {
    const p = new LocalPresence();
    const tab1 = peer("a", "Ana");
    const tab2 = peer("a", "Ana");
    p.joined("d1", tab1);
    p.joined("d1", tab2);
    expect(p.left("d1", tab1)).toBe(false);
    expect(p.left("d1", tab1)).toBe(false); // again: Ana's other tab is still open
    expect(p.usersIn("d1")).toEqual([ana]);
    expect(p.left("d2", tab2)).toBe(false);
    expect(p.left("d1", peer("b", "Bo"))).toBe(false);
    expect(p.left("d1", tab2)).toBe(true);
    expect(p.usersIn("d1")).toEqual([]);
    expect(p.documents()).toEqual([]);
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
