// Budgets across instances (server/realtime/clusterTally.ts) against a real Redis of the test's own:
// two "instances" (two AccountBuckets, each with its own tally and Redis connection) spending one
// account's budget at once get one budget between them, not one each; while Redis is away each keeps
// its own limit and nothing throws.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ClusterTally } from "../../server/realtime/clusterTally";
import { AccountBuckets } from "../../server/realtime/tokenBucket";
import { freePort, RedisProcess } from "../hosted/redisProcess";

let redis: RedisProcess | undefined;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = new RedisProcess(await freePort());
  await redis.start();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

function connect(): Redis {
  const client = new Redis(redis!.url, { maxRetriesPerRequest: 1, lazyConnect: false });
  client.on("error", () => undefined); // the outage test stops Redis on purpose
  clients.push(client);
  return client;
}

// Each instance alone: a burst of 20, then 100 a second. Together, across instances: 100 per 2 s.
const LOCAL_BURST = 20;
const LOCAL_RATE = 100;
const SHARED_POINTS = 100;
const FLUSH_MS = 50;

function instance(prefix: string | null): { buckets: AccountBuckets; tally?: ClusterTally } {
  const buckets = new AccountBuckets(LOCAL_BURST, LOCAL_RATE);
  if (prefix === null) return { buckets };
  const tally = new ClusterTally({ client: connect(), prefix }, { name: "test", points: SHARED_POINTS, windowSeconds: 2, flushMs: FLUSH_MS });
  buckets.shareAcrossInstances(tally);
  return { buckets, tally };
}

/** Both instances try an event for `account` every millisecond for `ms`; returns how many were let through. */
async function spend(instances: Array<{ buckets: AccountBuckets }>, account: string, ms: number): Promise<number> {
  let accepted = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const { buckets } of instances) if (buckets.take(account)) accepted++;
    await new Promise((r) => setTimeout(r, 1));
  }
  return accepted;
}

test("two instances share one account's budget through Redis; without it each has its own", { timeout: 30_000 }, async () => {
  const prefix = `tally${Date.now()}:`;
  const shared = [instance(prefix), instance(prefix)];
  const alone = [instance(null), instance(null)];
  try {
    const [together, apart] = await Promise.all([spend(shared, "ana", 1500), spend(alone, "ana", 1500)]);
    console.log(`one account, two instances, 1.5 s: ${together} events let through with the shared budget, ${apart} without`);
    // Apart: each instance's burst plus its rate, twice over (the multiplication this prevents).
    expect(apart).toBeGreaterThan(2 * LOCAL_BURST + LOCAL_RATE);
    // Together: the shared budget, plus at most what each instance could let through before it heard
    // of the total (its burst and one flush's worth of its rate, with a flush of slack for a busy machine).
    expect(together).toBeGreaterThanOrEqual(SHARED_POINTS);
    expect(together).toBeLessThanOrEqual(SHARED_POINTS + 2 * (LOCAL_BURST + (LOCAL_RATE * 3 * FLUSH_MS) / 1000));
    expect(together).toBeLessThan(apart);
    // Another account on the same instances still has its whole budget.
    expect(await spend(shared, "ben", 100)).toBeGreaterThanOrEqual(LOCAL_BURST);
  } finally {
    for (const { tally } of shared) tally?.stop();
  }
});

test("while Redis is away each instance keeps its own limit, and nothing throws", { timeout: 30_000 }, async () => {
  const prefix = `away${Date.now()}:`;
  const one = instance(prefix);
  await redis!.stop();
  try {
    const accepted = await spend([one], "cy", 500);
    await one.tally!.flush(); // fails inside: Redis is down
    // Its own bucket still applies: the burst and about half a second of its rate.
    expect(accepted).toBeGreaterThanOrEqual(LOCAL_BURST);
    expect(accepted).toBeLessThanOrEqual(LOCAL_BURST + LOCAL_RATE);
    expect(one.tally!.waitMs("cy")).toBe(0);
  } finally {
    one.tally!.stop();
    await redis!.start();
  }
});
