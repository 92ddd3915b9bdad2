// The reconnect hint's jitter: evenly over ±50 % of the nominal delay, whole milliseconds.
import { expect, it } from "vitest";
import { jitteredRetryMs } from "../../server/events/retryJitter";

it("spreads a hint over half to one and a half times the nominal delay", () => {
  expect(jitteredRetryMs(2000, () => 0)).toBe(1000);
  expect(jitteredRetryMs(2000, () => 0.5)).toBe(2000);
  expect(jitteredRetryMs(2000, () => 0.9999)).toBe(3000);
  expect(jitteredRetryMs(500, () => 0.25)).toBe(375);
});
