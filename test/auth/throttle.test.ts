// Sign-in and sign-up throttling against a real server (in-memory counters; the Redis variant is in
// throttleRedis.test.ts). Addresses are simulated with X-Forwarded-For on a server that trusts one
// proxy hop, the way a deployment behind nginx sees them.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { LIMITS } from "../../server/auth/throttle";

let proxied: TestServer; // TRUST_PROXY=1
let direct: TestServer; // no TRUST_PROXY: X-Forwarded-For must be ignored
beforeAll(async () => {
  [proxied, direct] = await Promise.all([startTestServer({ TRUST_PROXY: "1" }), startTestServer()]);
});
afterAll(async () => Promise.all([proxied?.stop(), direct?.stop()]));

let n = 0;
/** A fresh client address each time (documentation ranges are not needed: nothing is sent anywhere). */
const address = () => `198.51.${Math.floor(++n / 250) % 250}.${n % 250}`;

/** An account, signed up from an address of its own so that set-up never meets the sign-up limit. */
async function owner(server: TestServer) {
  const api = new ApiClient(server.url, server === proxied ? { "x-forwarded-for": address() } : {});
  return api.signup("Owner");
}

const login = (server: TestServer, email: string, password: string, from?: string) =>
  new ApiClient(server.url, from ? { "x-forwarded-for": from } : {}).post("/api/auth/login", { email, password });

describe("sign-in throttling", () => {
  test("100 parallel wrong guesses get at most 5 passwords checked, and the right one among them does not get in", async () => {
    const user = await owner(proxied);
    const from = address();
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 20 ? user.password : `wrong guess ${i}`));
    const results = await Promise.all(guesses.map((g) => login(proxied, user.email, g, from)));
    const statuses = results.map((r) => r.status);
    const checked = statuses.filter((s) => s !== 429).length; // 401 or 200: the password was verified
    expect(checked).toBeLessThanOrEqual(LIMITS.pairFailures);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(100 - LIMITS.pairFailures);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.error).toEqual({
      code: "rate_limited",
      message: expect.stringMatching(/^Too many attempts\. Try again in \d+ (seconds?|minutes?)\.$/),
    });
    expect(refused.body.error.message).not.toContain("(s)");
  });

  test("after 5 failures from one address the wait is a minute, said plainly", async () => {
    const user = await owner(proxied);
    const from = address();
    for (let i = 0; i < 5; i++) expect((await login(proxied, user.email, "wrong guess", from)).status).toBe(401);
    const refused = await login(proxied, user.email, user.password, from);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe("Too many attempts. Try again in 1 minute.");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  test("an attacker's failures from his address do not lock the owner out of his own", async () => {
    const user = await owner(proxied);
    const attacker = address();
    for (let i = 0; i < 30; i++) await login(proxied, user.email, `guess ${i}`, attacker);
    expect((await login(proxied, user.email, "one more", attacker)).status).toBe(429);
    expect((await login(proxied, user.email, user.password, address())).status).toBe(200);
  });

  test("failures spread over many addresses slow unknown addresses down but never the owner's known one", async () => {
    const user = await owner(proxied);
    const home = address();
    expect((await login(proxied, user.email, user.password, home)).status).toBe(200); // the owner's address
    // A botnet: one guess from each of many addresses, past the account's hourly budget.
    const bots = Array.from({ length: LIMITS.accountFailuresPerHour + 10 }, () => address());
    const botStatuses = [];
    for (const bot of bots) botStatuses.push((await login(proxied, user.email, "botnet guess", bot)).status);
    // At most the budget plus one attempt in the slow lane got its password checked.
    expect(botStatuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.accountFailuresPerHour + 1);
    const slowed = await login(proxied, user.email, "another guess", address());
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("retry-after"))).toBeLessThanOrEqual(LIMITS.slowLaneSeconds);
    // The owner, at home, is not affected at all.
    expect((await login(proxied, user.email, user.password, home)).status).toBe(200);
  });

  test("a successful sign-in clears the count of failures of that address", async () => {
    const user = await owner(proxied);
    const from = address();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await login(proxied, user.email, "typo typo", from)).status).toBe(401);
      expect((await login(proxied, user.email, user.password, from)).status).toBe(200);
    }
  });

  test("one address gets a limited number of failures across all accounts", async () => {
    const from = address();
    const statuses = [];
    // Four guesses at each of many accounts (below every pair limit), from one address.
    for (let i = 0; statuses.length < LIMITS.addressFailuresPerDay + 8; i++) {
      for (let k = 0; k < 4; k++) statuses.push((await login(proxied, `nobody-${from}-${i}@example.com`, "guess", from)).status);
    }
    expect(statuses.slice(0, LIMITS.addressFailuresPerDay).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LIMITS.addressFailuresPerDay).every((s) => s === 429)).toBe(true);
    expect((await login(proxied, `nobody-else@example.com`, "guess", address())).status).toBe(401);
  }, 60_000);

  test("rotating through the addresses of one IPv6 /64 does not escape the limit", async () => {
    const user = await owner(proxied);
    const net = `2001:db8:${(++n).toString(16)}:1`;
    for (let i = 0; i < 5; i++) expect((await login(proxied, user.email, "wrong guess", `${net}::${i + 1}`)).status).toBe(401);
    expect((await login(proxied, user.email, user.password, `${net}:ffff::77`)).status).toBe(429);
    expect((await login(proxied, user.email, user.password, `2001:db8:${(++n).toString(16)}:2::1`)).status).toBe(200);
  });

  test("X-Forwarded-For is ignored without TRUST_PROXY: changing it does not escape the limit", async () => {
    const user = await owner(direct);
    for (let i = 0; i < 5; i++) expect((await login(direct, user.email, "wrong guess", address())).status).toBe(401);
    expect((await login(direct, user.email, user.password, address())).status).toBe(429);
  });

  test("with TRUST_PROXY the client's address is read from X-Forwarded-For", async () => {
    const user = await owner(proxied);
    const attacker = address();
    for (let i = 0; i < 5; i++) expect((await login(proxied, user.email, "wrong guess", attacker)).status).toBe(401);
    expect((await login(proxied, user.email, user.password, attacker)).status).toBe(429);
    // Only the rightmost (trusted) hop counts: a client cannot pick its address by prepending one.
    expect((await login(proxied, user.email, user.password, `10.9.9.9, ${attacker}`)).status).toBe(429);
    expect((await login(proxied, user.email, user.password, address())).status).toBe(200);
  });
});

describe("sign-up throttling", () => {
  const signup = (server: TestServer, from: string | undefined, i: number) =>
    new ApiClient(server.url, from ? { "x-forwarded-for": from } : {}).post("/api/auth/signup", {
      name: `Throwaway ${i}`,
      email: `throwaway-${n}-${i}-${Math.random().toString(36).slice(2)}@example.com`,
      password: "correct horse battery",
    });

  test(`one address may create ${LIMITS.signupsPerAddressPerHour} accounts an hour`, async () => {
    const from = address();
    const statuses = [];
    for (let i = 0; i < LIMITS.signupsPerAddressPerHour + 2; i++) statuses.push((await signup(proxied, from, i)).status);
    expect(statuses.slice(0, LIMITS.signupsPerAddressPerHour).every((s) => s === 201)).toBe(true);
    const refused = await signup(proxied, from, 99);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many new accounts from your network\. Try again in \d+ minutes?\.$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signup(proxied, address(), 0)).status).toBe(201); // someone else still can
  });

  test("parallel sign-ups cannot overrun the limit", async () => {
    const from = address();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signup(proxied, from, i)));
    expect(results.filter((r) => r.status === 201).length).toBe(LIMITS.signupsPerAddressPerHour);
    expect(results.filter((r) => r.status === 429).length).toBe(40 - LIMITS.signupsPerAddressPerHour);
  });

  test("without TRUST_PROXY a forged X-Forwarded-For does not give a fresh budget", async () => {
    const statuses = [];
    for (let i = 0; i < LIMITS.signupsPerAddressPerHour + 3; i++) statuses.push((await signup(direct, address(), i)).status);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(LIMITS.signupsPerAddressPerHour);
    expect(statuses.at(-1)).toBe(429);
  });

  test("a process on this machine (loopback, no proxy header) is not limited", async () => {
    const server = await startTestServer();
    try {
      for (let i = 0; i < LIMITS.signupsPerAddressPerHour + 3; i++) expect((await signup(server, undefined, i)).status).toBe(201);
    } finally {
      await server.stop();
    }
  });
});
