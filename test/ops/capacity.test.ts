// The capacity's own rules, without sockets (test/hosted/capacity.test.ts has them): caps per kind,
// slots given back once, the admission rate, and Retry-After inside [base - spread, base + spread].
import { describe, expect, test } from "vitest";
import { Capacity, type CapacityLimits } from "../../server/ops/capacity";

const limits = (over: Partial<CapacityLimits> = {}): CapacityLimits => ({
  max: { collabSockets: 2, collabStreams: 1, eventStreams: 1, realtimeSockets: 1 },
  admissionsPerSecond: 1_000,
  admissionBurst: 1_000,
  retryAfterSeconds: 10,
  retryAfterSpreadSeconds: 4,
  ...over,
});

describe("Capacity", () => {
  test("each kind has its own cap; a released slot is free again, and releasing twice gives back one", () => {
    const capacity = new Capacity(limits());
    const a = capacity.admit("collabSockets");
    const b = capacity.admit("collabSockets");
    expect(a.kind).toBe("admitted");
    expect(b.kind).toBe("admitted");
    expect(capacity.admit("collabSockets")).toMatchObject({ kind: "busy", why: "full" });
    expect(capacity.admit("eventStreams").kind).toBe("admitted"); // another kind is not affected
    if (a.kind !== "admitted") return;
    a.slot.release();
    a.slot.release();
    expect(capacity.counts().collabSockets).toBe(1);
    expect(capacity.admit("collabSockets").kind).toBe("admitted");
    expect(capacity.admit("collabSockets").kind).toBe("busy");
    expect(capacity.counts().refusedFull).toBe(2);
  });

  test("past the admission burst new connections are refused for the rate, whatever the caps", () => {
    const capacity = new Capacity(
      limits({ admissionBurst: 2, admissionsPerSecond: 1, max: { collabSockets: 100, collabStreams: 100, eventStreams: 100, realtimeSockets: 100 } }),
    );
    expect(capacity.admit("eventStreams").kind).toBe("admitted");
    expect(capacity.admit("collabSockets").kind).toBe("admitted");
    expect(capacity.admit("eventStreams")).toMatchObject({ kind: "busy", why: "rate" });
    expect(capacity.counts().refusedRate).toBe(1);
  });

  test("Retry-After covers the whole jitter window, in whole seconds, never below 1", () => {
    const capacity = new Capacity(limits());
    const seen = new Set(Array.from({ length: 500 }, () => capacity.retryAfter()));
    expect([...seen].sort((x, y) => x - y)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const small = new Capacity(limits({ retryAfterSeconds: 1, retryAfterSpreadSeconds: 5 }));
    const smallSeen = Array.from({ length: 200 }, () => small.retryAfter());
    expect(Math.min(...smallSeen)).toBe(1);
    expect(Math.max(...smallSeen)).toBe(6);
    const fixed = new Capacity(limits({ retryAfterSpreadSeconds: 0 }));
    expect(fixed.retryAfter()).toBe(10);
  });
});
