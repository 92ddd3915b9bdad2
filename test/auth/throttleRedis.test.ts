// The hosted variant of the sign-in limits: two instances on one PostgreSQL database and one Redis
// count together, and the counts outlive an instance. Needs the local Redis and PostgreSQL.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, freshPostgresDatabase, startTestServer, type TestServer } from "../helpers/server";
import { LIMITS } from "../../server/auth/throttle";
import { FAILED_LOOKUPS_PER_MINUTE } from "../../server/auth/linkCredential";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-throttle-${crypto.randomUUID().slice(0, 8)}:`;
let redis: Redis;
let database: { url: string; drop(): Promise<void> };
let a: TestServer;
let b: TestServer;
const env = () => ({ DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, TRUST_PROXY: "1" });

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  const db = await freshPostgresDatabase();
  if (!db) throw new Error("PostgreSQL is not reachable on 127.0.0.1:5432 (see TOOLCHAIN.md)");
  database = db;
  a = await startTestServer(env()); // one after the other: both run the migrations
  b = await startTestServer(env());
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

let n = 0;
const address = () => `192.0.2.${++n}`;
const login = (server: TestServer, email: string, password: string, from: string) =>
  new ApiClient(server.url, { "x-forwarded-for": from }).post("/api/auth/login", { email, password });
const owner = () => new ApiClient(a.url, { "x-forwarded-for": address() }).signup("Owner");

describe("sign-in limits shared through Redis", () => {
  test("100 parallel wrong guesses spread over two instances get at most 5 passwords checked", async () => {
    const user = await owner();
    const from = address();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => login(i % 2 ? a : b, user.email, `wrong ${i}`, from)));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.pairFailures);
    expect(results.filter((r) => r.status === 429).length).toBe(100 - checked);
    // Both instances refuse the right password now, and the owner elsewhere gets in on either.
    expect((await login(a, user.email, user.password, from)).status).toBe(429);
    expect((await login(b, user.email, user.password, from)).status).toBe(429);
    expect((await login(b, user.email, user.password, address())).status).toBe(200);
    // Nothing personal is written to Redis: keys are digests.
    const keys = await redis.keys(`${prefix}auth:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes(user.email) || k.includes(from))).toBe(false);
  });

  test("each pause is twice as long as the one before", async () => {
    const user = await owner();
    const from = address();
    const pairKey = `${prefix}auth:pair:${crypto.createHash("sha256").update(`${user.email}\0${from}`).digest("base64url")}`;
    const waits = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.pairFailures; i++) expect((await login(i % 2 ? a : b, user.email, "wrong", from)).status).toBe(401);
      const refused = await login(a, user.email, user.password, from);
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers.get("retry-after")));
      expect(await redis.pttl(pairKey)).toBeGreaterThan(0);
      await redis.del(pairKey); // as if the pause had run out
    }
    expect(waits[0]).toBeGreaterThan(55);
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits[1]).toBeGreaterThan(115);
    expect(waits[1]).toBeLessThanOrEqual(120);
    expect(waits[2]).toBeGreaterThan(235);
    expect(waits[2]).toBeLessThanOrEqual(240);
  });

  test("the counts outlive an instance: a restarted one still refuses", async () => {
    const user = await owner();
    const from = address();
    for (let i = 0; i < LIMITS.pairFailures; i++) expect((await login(a, user.email, "wrong", from)).status).toBe(401);
    await a.stop();
    a = await startTestServer(env());
    expect((await login(a, user.email, user.password, from)).status).toBe(429);
  }, 60_000);

  test("the sign-up limit is one budget for all instances", async () => {
    const from = address();
    const statuses = [];
    for (let i = 0; i < LIMITS.signupsPerAddressPerHour + 2; i++) {
      const res = await new ApiClient((i % 2 ? a : b).url, { "x-forwarded-for": from }).post("/api/auth/signup", {
        name: `Throwaway ${i}`,
        email: `throwaway-${i}-${crypto.randomUUID().slice(0, 8)}@example.com`,
        password: "correct horse battery",
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(LIMITS.signupsPerAddressPerHour).fill(201), 429, 429]);
  });

  test("failed share-link lookups are one budget for all instances, however they are spread", async () => {
    // Alternating, then mostly on one instance, then all on the other: the refusal comes at the same total.
    const spreads: Array<(i: number) => TestServer> = [(i) => (i % 2 ? a : b), (i) => (i % 4 === 3 ? b : a), () => b];
    for (const pick of spreads) {
      const from = address();
      const statuses = [];
      for (let i = 0; i < FAILED_LOOKUPS_PER_MINUTE + 2; i++) {
        const server = pick(i);
        const res = await new ApiClient(server.url, { "x-forwarded-for": from, origin: server.url }).post("/api/links/open", {
          token: `${"B".repeat(42)}${i % 10}`,
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array(FAILED_LOOKUPS_PER_MINUTE).fill(404), 429, 429]);
    }
    // No address is written to Redis in the clear.
    expect(await redis.keys(`${prefix}*192.0.2.*`)).toEqual([]);
  });
});
