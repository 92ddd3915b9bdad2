// A failure repeated thousands of times (a Redis outage) logs one line per kind per interval, and the
// next line says how many were left out.
import { expect, test } from "vitest";
import type { Logger } from "../../server/log";
import { ThrottledLog } from "../../server/ops/throttledLog";

test("one line per kind per interval, then the count of those left out", () => {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const log = { warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  let now = 0;
  const throttled = new ThrottledLog(log, 1_000, () => now);

  for (let i = 0; i < 500; i++) throttled.warn("publish", { i }, "publish failed");
  throttled.warn("subscribe", {}, "subscribe failed"); // another kind is not held back by the first
  expect(lines).toEqual([
    { fields: { i: 0 }, message: "publish failed" },
    { fields: {}, message: "subscribe failed" },
  ]);

  now = 999;
  throttled.warn("publish", { i: 500 }, "publish failed");
  expect(lines).toHaveLength(2);
  now = 1_000;
  throttled.warn("publish", { i: 501 }, "publish failed");
  expect(lines[2]).toEqual({ fields: { i: 501, suppressedSinceLast: 500 }, message: "publish failed" });

  now = 5_000;
  throttled.warn("publish", { i: 502 }, "publish failed"); // nothing was left out since: no count
  expect(lines[3]).toEqual({ fields: { i: 502 }, message: "publish failed" });
});
