// The short memory behind collab upgrades: answers are kept for their time, a forget drops them at
// once, and an answer read before a forget never fills the memory after it.
import { expect, test } from "vitest";
import { RecentCache } from "../../server/db/recentCache";

test("a kept answer is reused until its time is up", async () => {
  let clock = 0;
  let reads = 0;
  const cache = new RecentCache<string, number>(1000, 10, () => clock);
  const load = async () => ++reads;
  expect(await cache.get("a", load)).toBe(1);
  clock = 999;
  expect(await cache.get("a", load)).toBe(1);
  clock = 1000;
  expect(await cache.get("a", load)).toBe(2);
});

test("answers the caller says not to keep are read every time", async () => {
  let reads = 0;
  const cache = new RecentCache<string, number | null>(1000);
  const load = async () => (reads++, null);
  await cache.get("a", load, (v) => v !== null);
  await cache.get("a", load, (v) => v !== null);
  expect(reads).toBe(2);
  expect(cache.size).toBe(0);
});

test("forget and forgetWhere drop answers at once", async () => {
  const cache = new RecentCache<string, string>(60_000);
  await cache.get("u1 d1", async () => "editor");
  await cache.get("u2 d1", async () => "viewer");
  await cache.get("u1 d2", async () => "owner");
  cache.forget("u1 d2");
  expect(await cache.get("u1 d2", async () => "viewer")).toBe("viewer");
  cache.forgetWhere((_v, key) => key.endsWith(" d1"));
  expect(await cache.get("u1 d1", async () => "none")).toBe("none");
  expect(await cache.get("u2 d1", async () => "none")).toBe("none");
});

test("an answer read before a forget is not kept after it (the change raced the read)", async () => {
  const cache = new RecentCache<string, string>(60_000);
  let release!: (v: string) => void;
  const slow = cache.get("a", () => new Promise<string>((r) => (release = r)));
  cache.forget("a"); // the change lands while the old answer is being read
  release("old role");
  expect(await slow).toBe("old role"); // this caller was already asking: it gets what it read
  expect(await cache.get("a", async () => "new role")).toBe("new role");
});

test("a full memory starts over instead of growing", async () => {
  const cache = new RecentCache<number, number>(60_000, 3);
  for (let i = 0; i < 4; i++) await cache.get(i, async () => i);
  expect(cache.size).toBe(1);
});
