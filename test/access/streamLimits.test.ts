// Event streams are counted per account (signed in) and per address (signed-out visitors): past the
// limit the stream is refused with 429 and a plain message, and a closed stream frees its place.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { until } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { MAX_STREAMS_PER_ACCOUNT, MAX_STREAMS_PER_ADDRESS } from "../../server/events/streamLimits";

let server: TestServer;
beforeAll(async () => {
  // Behind one trusted proxy, so the test can speak for several visitors' addresses from one machine.
  server = await startTestServer({ TRUST_PROXY: "1" });
});
afterAll(async () => {
  await server?.stop();
});

async function openMany(n: number, headers: Record<string, string>): Promise<SseReader[]> {
  // In parallel, as a script would: the count must hold even when every request is in flight at once.
  return Promise.all(Array.from({ length: n }, () => SseReader.open(`${server.url}/api/events`, headers)));
}

async function refusalOf(headers: Record<string, string>) {
  const res = await fetch(`${server.url}/api/events`, { headers });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

test("one account may hold a limited number of streams; the next is refused with 429 until one closes", async () => {
  const api = new ApiClient(server.url, { origin: server.url });
  await api.signup("Ana");
  const headers = { cookie: api.cookie, "x-forwarded-for": "203.0.113.1" };
  const streams = await openMany(MAX_STREAMS_PER_ACCOUNT + 5, headers);
  const accepted = streams.filter((s) => s.status === 200);
  const refused = streams.filter((s) => s.status === 429);
  expect(accepted).toHaveLength(MAX_STREAMS_PER_ACCOUNT);
  expect(refused).toHaveLength(5);

  const refusal = await refusalOf(headers);
  expect(refusal.status).toBe(429);
  expect(refusal.retryAfter).toBe("30");
  expect(refusal.body.error.code).toBe("rate_limited");
  expect(refusal.body.error.message).toMatch(/Too many open event streams for this account/);

  // Another account is not affected, and neither are signed-out visitors at the same address.
  const bo = new ApiClient(server.url, { origin: server.url });
  await bo.signup("Bo");
  const other = await SseReader.open(`${server.url}/api/events`, { cookie: bo.cookie, "x-forwarded-for": "203.0.113.1" });
  expect(other.status).toBe(200);
  other.close();

  accepted[0].close();
  await until(
    async () => (await fetch(`${server.url}/api/events`, { headers, signal: AbortSignal.timeout(2_000) }).catch(() => null))?.status === 200,
    5_000,
    "a place to free up",
  );
  for (const s of streams) s.close();
});

test("signed-out visitors are counted per address", async () => {
  const headers = { "x-forwarded-for": "198.51.100.7" };
  const streams = await openMany(MAX_STREAMS_PER_ADDRESS + 1, headers);
  expect(streams.filter((s) => s.status === 200)).toHaveLength(MAX_STREAMS_PER_ADDRESS);
  const refusal = await refusalOf(headers);
  expect(refusal.status).toBe(429);
  expect(refusal.body.error.message).toMatch(/from this address/);
  // A visitor at another address still gets a stream.
  const elsewhere = await SseReader.open(`${server.url}/api/events`, { "x-forwarded-for": "198.51.100.8" });
  expect(elsewhere.status).toBe(200);
  elsewhere.close();
  for (const s of streams) s.close();
});
