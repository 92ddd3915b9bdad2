// While Redis is unreachable the sign-in limits keep working, counted by this instance alone
// (rate-limiter-flexible's insurance limiter), instead of refusing sign-ins or hanging.
import { Redis } from "ioredis";
import { afterAll, expect, test } from "vitest";
import { AuthThrottle, LIMITS } from "../../server/auth/throttle";
import { ApiError } from "../../server/http/errors";

// Nothing listens on port 1: the client keeps reconnecting and is never ready.
const dead = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true });
dead.on("error", () => {});
afterAll(() => dead.disconnect());

test("with Redis down, attempts are still counted and refused past the limit, without waiting on Redis", async () => {
  void dead.connect().catch(() => {});
  const throttle = new AuthThrottle(dead, "tandem-test-down:");
  const started = performance.now();
  for (let i = 0; i < LIMITS.pairFailures; i++) await (await throttle.beginSignIn("owner@example.com", "192.0.2.1")).failed();
  const refused = await throttle.beginSignIn("owner@example.com", "192.0.2.1").catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect((refused as ApiError).code).toBe("rate_limited");
  expect((refused as ApiError).message).toBe("Too many attempts. Try again in 1 minute.");
  expect(performance.now() - started).toBeLessThan(1000); // checks answer at once: the client is not ready
  // Another address is fine. Clearing its counters waits at most the 2 s timeout (deletes are queued
  // by ioredis rather than refused), then falls back too.
  const other = performance.now();
  await (await throttle.beginSignIn("owner@example.com", "192.0.2.2")).succeeded();
  expect(performance.now() - other).toBeLessThan(3000);
});
