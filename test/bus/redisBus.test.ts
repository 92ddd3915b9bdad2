// Two buses on a real Redis stand for two instances: each event reaches the other exactly once.
import { afterEach, expect, test } from "vitest";
import { RedisEventBus } from "../../server/bus/redisBus";
import type { BusEvent } from "../../server/bus/events";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const buses: RedisEventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

test("an event published on one instance reaches the other once and its own listeners once", async () => {
  const prefix = `tandem-test-${Math.random().toString(36).slice(2)}:`;
  const a = await RedisEventBus.connect(REDIS_URL, prefix);
  const b = await RedisEventBus.connect(REDIS_URL, prefix);
  const other = await RedisEventBus.connect(REDIS_URL, `${prefix}other:`);
  buses.push(a, b, other);
  const seenA: BusEvent[] = [];
  const seenB: BusEvent[] = [];
  const seenOther: BusEvent[] = [];
  a.subscribe((e) => seenA.push(e));
  b.subscribe((e) => seenB.push(e));
  other.subscribe((e) => seenOther.push(e));

  const event: BusEvent = { type: "announcements.changed", eventId: 7 };
  await a.publish(event);
  await waitFor(() => seenB.length > 0);
  await new Promise((r) => setTimeout(r, 100)); // room for a duplicate to show up
  expect(seenA).toEqual([event]);
  expect(seenB).toEqual([event]);
  expect(seenOther).toEqual([]); // another prefix is another deployment
});
