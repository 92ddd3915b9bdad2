// Item 8 of issue 12: the origin check compares whole origins (scheme, host, port), and without
// PUBLIC_URL believes Host only for loopback names and IP literals (a DNS-rebinding page has a
// hostname of its own). One check guards HTTP state changes, the collaboration upgrade and socket.io.
import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { connected, openSocket } from "../realtime/helpers";
import { isUnrebindableHost } from "../../server/http/origin";

type Res = { status: number; body: any };

/** A POST with exactly these headers (fetch will not let a test choose Host). */
function post(port: number, path: string, headers: Record<string, string>, body: unknown = { title: "Origin test" }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Status of a collaboration upgrade with these headers: 101 when it opened. */
function upgrade(port: number, documentId: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/${documentId}`, { headers });
    ws.once("open", () => {
      ws.terminate();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", () => {});
  });
}

let server: TestServer;
let port: number;
let cookie: string;
let documentId: string;
beforeAll(async () => {
  server = await startTestServer();
  port = (server.httpServer.address() as AddressInfo).port;
  const api = new ApiClient(server.url, { origin: server.url });
  await api.signup("Owner");
  cookie = api.cookie;
  documentId = (await api.post("/api/documents", { title: "Shared" })).body.id;
});
afterAll(() => server?.stop());

describe("HTTP state changes without PUBLIC_URL", () => {
  const at = (host: string) => ({ host, origin: `http://${host}` });
  const accepted: Array<[string, () => Record<string, string>]> = [
    ["our own origin (IPv4 literal)", () => at(`127.0.0.1:${port}`)],
    ["localhost", () => at(`localhost:${port}`)],
    ["a *.localhost name (resolved to loopback by the browser itself)", () => at(`app.localhost:${port}`)],
    ["IPv6 loopback literal", () => at(`[::1]:${port}`)],
    ["a LAN IP literal", () => at(`192.0.2.2:${port}`)],
    ["no Origin and no Sec-Fetch-Site: a script, not a browser", () => ({ host: "tandem.lan" })],
    ["no Origin, Sec-Fetch-Site same-origin", () => ({ host: `127.0.0.1:${port}`, "sec-fetch-site": "same-origin" })],
  ];
  test.each(accepted)("accepted: %s", async (_name, headers) => {
    const res = await post(port, "/api/documents", { cookie, ...headers() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  const refused: Array<[string, () => Record<string, string>, RegExp]> = [
    ["https Origin to an http server", () => ({ host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}` }), /other sites/],
    ["another port", () => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port + 1}` }), /other sites/],
    ["another host entirely", () => ({ host: `127.0.0.1:${port}`, origin: "https://evil.example" }), /other sites/],
    ["DNS rebinding: matching Host and Origin of a hostname", () => at(`rebind.evil.example:${port}`), /PUBLIC_URL/],
    ["DNS rebinding on the default port", () => at("rebind.evil.example"), /PUBLIC_URL/],
    ["a Host that hides a hostname before an IP", () => ({ host: `evil.example@127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }), /PUBLIC_URL/],
    ["Origin null (sandboxed frame, data: URL)", () => ({ host: `127.0.0.1:${port}`, origin: "null" }), /other sites/],
    ["no Origin but Sec-Fetch-Site cross-site", () => ({ host: `127.0.0.1:${port}`, "sec-fetch-site": "cross-site" }), /other sites/],
    ["an unparsable Origin", () => ({ host: `127.0.0.1:${port}`, origin: "not a url" }), /other sites/],
    [
      "X-Forwarded-Proto is not believed without TRUST_PROXY",
      () => ({ host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}`, "x-forwarded-proto": "https" }),
      /other sites/,
    ],
  ];
  test.each(refused)("refused: %s", async (_name, headers, message) => {
    const before = (await new ApiClient(server.url).get("/api/documents", { cookie })).body.documents.length;
    const res = await post(port, "/api/documents", { cookie, ...headers() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body.error.message).toMatch(message);
    const after = (await new ApiClient(server.url).get("/api/documents", { cookie })).body.documents.length;
    expect(after).toBe(before);
  });

  test("the rebinding refusal says in plain words what to do", async () => {
    const res = await post(port, "/api/auth/signup", at(`rebind.evil.example:${port}`), { name: "R", email: "r@example.com", password: "long enough pw" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Set PUBLIC_URL to the address people use/);
  });
});

describe("the collaboration upgrade and socket.io use the same check", () => {
  test("collab: our origin opens, an https origin, a rebinding name and another site are refused", async () => {
    expect(await upgrade(port, documentId, { cookie, origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgrade(port, documentId, { cookie, host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe(101);
    expect(await upgrade(port, documentId, { cookie, origin: `https://127.0.0.1:${port}` })).toBe(403);
    expect(await upgrade(port, documentId, { cookie, host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}` })).toBe(403);
    expect(await upgrade(port, documentId, { cookie, origin: "https://evil.example" })).toBe(403);
  });

  test.each(["websocket", "polling"] as const)("socket.io over %s: a rebinding Host/Origin with a cookie is refused, our own connects", async (transport) => {
    const ours = await connected(openSocket(server.url, { transport, cookie, origin: `http://127.0.0.1:${port}` }));
    ours.disconnect();
    const https = openSocket(server.url, { transport, cookie, origin: `https://127.0.0.1:${port}` });
    await expect(connected(https)).rejects.toMatchObject({ data: { code: "forbidden" } });
    https.disconnect();
    if (transport === "websocket") {
      // fetch() (the polling transport) cannot send a Host of the test's choosing; ws can.
      const rebind = openSocket(server.url, {
        transport,
        cookie,
        origin: `http://rebind.evil.example:${port}`,
        headers: { host: `rebind.evil.example:${port}` },
      });
      await expect(connected(rebind)).rejects.toMatchObject({ message: expect.stringMatching(/Set PUBLIC_URL/), data: { code: "forbidden" } });
      rebind.disconnect();
    }
  });
});

describe("behind TRUST_PROXY proxies, and with PUBLIC_URL", () => {
  let proxied: TestServer;
  let proxiedPort: number;
  let pub: TestServer;
  let pubPort: number;
  let proxiedCookie: string;
  let pubCookie: string;
  beforeAll(async () => {
    [proxied, pub] = await Promise.all([startTestServer({ TRUST_PROXY: "1" }), startTestServer({ PUBLIC_URL: "https://tandem.example.com" })]);
    proxiedPort = (proxied.httpServer.address() as AddressInfo).port;
    pubPort = (pub.httpServer.address() as AddressInfo).port;
    const a = new ApiClient(proxied.url);
    await a.signup("Proxied");
    proxiedCookie = a.cookie;
    const b = new ApiClient(pub.url);
    await b.signup("Public");
    pubCookie = b.cookie;
  });
  afterAll(() => Promise.all([proxied?.stop(), pub?.stop()]));

  test("TRUST_PROXY: the scheme comes from the nearest proxy's X-Forwarded-Proto", async () => {
    const host = `127.0.0.1:${proxiedPort}`;
    expect((await post(proxiedPort, "/api/documents", { cookie: proxiedCookie, host, origin: `https://${host}`, "x-forwarded-proto": "https" })).status).toBe(
      201,
    );
    expect((await post(proxiedPort, "/api/documents", { cookie: proxiedCookie, host, origin: `http://${host}`, "x-forwarded-proto": "https" })).status).toBe(
      403,
    );
    // The client wrote "http", our proxy appended "https": the last one counts.
    expect(
      (await post(proxiedPort, "/api/documents", { cookie: proxiedCookie, host, origin: `https://${host}`, "x-forwarded-proto": "http, https" })).status,
    ).toBe(201);
    expect((await post(proxiedPort, "/api/documents", { cookie: proxiedCookie, host, origin: `http://${host}` })).status).toBe(201);
  });

  test("PUBLIC_URL: only its exact origin, whatever Host says", async () => {
    const ok = await post(pubPort, "/api/documents", { cookie: pubCookie, host: "tandem.example.com", origin: "https://tandem.example.com" });
    expect(ok.status).toBe(201);
    const viaIp = await post(pubPort, "/api/documents", { cookie: pubCookie, host: `127.0.0.1:${pubPort}`, origin: "https://tandem.example.com" });
    expect(viaIp.status).toBe(201); // a proxy may rewrite Host; the browser's Origin is what counts
    for (const origin of ["http://tandem.example.com", "https://tandem.example.com:8443", "https://evil.example", `http://127.0.0.1:${pubPort}`]) {
      const res = await post(pubPort, "/api/documents", { cookie: pubCookie, host: "tandem.example.com", origin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error.message).toMatch(/other sites/);
    }
  });
});

test("isUnrebindableHost: loopback names and IP literals only", () => {
  for (const h of ["localhost", "LOCALHOST", "a.localhost", "localhost.", "127.0.0.1", "10.1.2.3", "[::1]", "[fe80::1]", "::1"])
    expect(isUnrebindableHost(h), h).toBe(true);
  for (const h of ["example.com", "localhost.example.com", "127.0.0.1.nip.io", "tandem", "[not-ip]", ""]) expect(isUnrebindableHost(h), h).toBe(false);
});
