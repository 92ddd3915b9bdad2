// The reconnect schedule's jitter bounds: every delay inside its window, delays that differ, the
// ceiling doubling to its cap, and a server-advised wait as a floor.
import { describe, expect, test } from "vitest";
import { ADVISED_JITTER, Backoff, BACKOFF_FIRST_MS, BACKOFF_MAX_MS, RECONNECT_SPREAD_MS, backoffDelay } from "./backoff";

const ceilingOf = (failures: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** failures);

describe("backoffDelay", () => {
  test("stays in [ceiling / 2, ceiling] at the extremes of the random source", () => {
    for (let failures = 0; failures < 12; failures++) {
      const ceiling = ceilingOf(failures);
      expect(backoffDelay(failures, { random: () => 0 })).toBe(ceiling / 2);
      expect(backoffDelay(failures, { random: () => 0.999999 })).toBeLessThanOrEqual(ceiling);
      expect(backoffDelay(failures, { random: () => 0.999999 })).toBeGreaterThan(ceiling * 0.99);
    }
  });

  test("with Math.random: inside the window, and spread (clients do not return together)", () => {
    for (const failures of [0, 3, 10]) {
      const ceiling = ceilingOf(failures);
      const delays = Array.from({ length: 200 }, () => backoffDelay(failures));
      expect(delays.every((d) => d >= ceiling / 2 && d <= ceiling)).toBe(true);
      expect(new Set(delays).size).toBeGreaterThan(20);
    }
  });

  test("the ceiling doubles up to the cap and stays there", () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(BACKOFF_FIRST_MS / 2);
    expect(backoffDelay(1, { random: () => 0 })).toBe(BACKOFF_FIRST_MS);
    expect(backoffDelay(50, { random: () => 0 })).toBe(BACKOFF_MAX_MS / 2);
    expect(backoffDelay(1_000_000, { random: () => 0.999999 })).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });
});

describe("Backoff", () => {
  test("a server-advised wait is a floor, stretched by at most ADVISED_JITTER", () => {
    const delays = Array.from({ length: 100 }, () => new Backoff().failed(8_000));
    expect(delays.every((d) => d >= 8_000 && d <= 8_000 * (1 + ADVISED_JITTER))).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  test("failures grow the delay; a success starts over; a drop comes back within the spread", () => {
    const backoff = new Backoff({ random: () => 0 });
    expect([backoff.failed(), backoff.failed(), backoff.failed()]).toEqual([250, 500, 1000]);
    backoff.succeeded();
    expect(backoff.failed()).toBe(250);
    const drops = Array.from({ length: 100 }, () => new Backoff().dropped());
    expect(drops.every((d) => d >= 0 && d <= RECONNECT_SPREAD_MS)).toBe(true);
    expect(new Set(drops).size).toBeGreaterThan(10);
  });
});
