// The rate-limit buckets on a fake clock.
import { expect, test } from "vitest";
import { AccountBuckets, TokenBucket } from "../../server/realtime/tokenBucket";

test("a bucket passes a burst up to its capacity, then refills at its rate", () => {
  let now = 0;
  const bucket = new TokenBucket(3, 2, () => now);
  expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  now += 500; // one token back
  expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  expect(bucket.isFull()).toBe(false);
  now += 1500;
  expect(bucket.isFull()).toBe(true);
});

test("accounts have separate budgets, and buckets that refilled are forgotten once there are many", () => {
  let now = 0;
  const buckets = new AccountBuckets(2, 1, () => now);
  expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([true, true, false]);
  expect(buckets.take("b")).toBe(true);
  for (let i = 0; i < 9_998; i++) buckets.take(`user-${i}`); // 10,000 accounts in all
  now += 10_000; // every bucket has refilled: as good as new
  buckets.take("newcomer");
  expect(buckets.size).toBe(1);
});
