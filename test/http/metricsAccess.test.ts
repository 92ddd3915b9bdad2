// /metrics (issue 12, item 11): with METRICS_TOKEN only a caller presenting it; without, only callers
// whose socket is on this machine (X-Forwarded-For is the client's to write, so it never counts).
import os from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { isLoopback } from "../../server/ops/metricsAccess";

/** An address of this machine that is not loopback, so a request to it arrives from a non-loopback socket. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

const TOKEN = "a-metrics-token-of-some-length";
let open: TestServer;
let guarded: TestServer;
beforeAll(async () => {
  // Listening on every interface, so the tests can arrive from outside loopback too.
  [open, guarded] = await Promise.all([startTestServer({ HOST: "0.0.0.0" }), startTestServer({ HOST: "0.0.0.0", METRICS_TOKEN: TOKEN })]);
});
afterAll(() => Promise.all([open?.stop(), guarded?.stop()]));

const port = (s: TestServer) => (s.httpServer.address() as AddressInfo).port;
async function scrape(s: TestServer, host: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://${host}:${port(s)}/metrics`, { headers });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

describe("without METRICS_TOKEN", () => {
  test("a loopback caller reads the metrics", async () => {
    const res = await scrape(open, "127.0.0.1");
    expect(res.status).toBe(200);
    expect(res.text).toContain("tandem_event_loop_lag_seconds");
    expect(res.type).toMatch(/^text\/plain/);
  });

  test.skipIf(!external)("a caller from another address is refused with a plain message, whatever X-Forwarded-For says", async () => {
    for (const headers of [{}, { "x-forwarded-for": "127.0.0.1" }, { "x-real-ip": "127.0.0.1" }, { authorization: `Bearer ${TOKEN}` }] as Array<
      Record<string, string>
    >) {
      const res = await scrape(open, external!, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const body = JSON.parse(res.text);
      expect(body.error.code).toBe("forbidden");
      expect(body.error.message).toMatch(/Set METRICS_TOKEN/);
      expect(res.text).not.toContain("tandem_");
    }
  });

  test.skipIf(!external)("/healthz still answers everyone", async () => {
    expect((await fetch(`http://${external}:${port(open)}/healthz`)).status).toBe(200);
  });
});

describe("with METRICS_TOKEN", () => {
  test("no token: 401 saying what to send, from loopback too", async () => {
    const res = await scrape(guarded, "127.0.0.1");
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).error.message).toMatch(/Authorization: Bearer/);
  });

  test("a wrong token: 403; the right one: 200", async () => {
    for (const wrong of ["Bearer nope", `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(guarded, "127.0.0.1", { authorization: wrong });
      expect([401, 403], wrong).toContain(res.status);
      expect(res.text).not.toContain("tandem_");
    }
    const ok = await scrape(guarded, "127.0.0.1", { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("tandem_event_loop_lag_seconds");
  });

  test.skipIf(!external)("from another address the right token is enough", async () => {
    expect((await scrape(guarded, external!, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await scrape(guarded, external!)).status).toBe(401);
  });
});

test("isLoopback: 127.0.0.0/8, ::1 and their IPv4-mapped form only", () => {
  for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
  for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "128.0.0.1", "fe80::1", "::", "0.0.0.0", "127.0.0.1.evil", undefined])
    expect(isLoopback(a), String(a)).toBe(false);
});
