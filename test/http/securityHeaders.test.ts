// Item 7 of issue 12 (headers): every kind of response the server itself writes carries the
// security headers; HSTS only under an https PUBLIC_URL. Next's pages and static files are checked
// in the browser (e2e/security-headers.spec.ts); the page policy's shape is checked here.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { NON_PAGE_CSP, pageCsp, setPageSecurityHeaders } from "../../server/http/securityHeaders";

const COMMON = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

let server: TestServer;
let https: TestServer;
let cookie: string;
beforeAll(async () => {
  [server, https] = await Promise.all([startTestServer(), startTestServer({ PUBLIC_URL: "https://tandem.example.com" })]);
  const api = new ApiClient(server.url);
  await api.signup("Headers");
  cookie = api.cookie;
});
afterAll(() => Promise.all([server?.stop(), https?.stop()]));

/** Only the response head: streams (SSE) are left as soon as their headers arrive. */
async function headersOf(base: string, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers }> {
  const controller = new AbortController();
  const res = await fetch(base + path, { ...init, signal: controller.signal });
  controller.abort();
  return { status: res.status, headers: res.headers };
}

const kinds: Array<[string, string, RequestInit?]> = [
  ["API JSON (signed in)", "/api/documents"],
  ["API JSON error 401", "/api/me", { headers: { cookie: "" } }],
  ["API 404", "/api/nothing-here"],
  ["API 400 (malformed path)", "/api/documents/%ZZ"],
  ["API 415 (wrong body type)", "/api/documents", { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }],
  ["/healthz", "/healthz"],
  ["/readyz", "/readyz"],
  ["/metrics", "/metrics"],
  ["SSE /api/events", "/api/events"],
  ["socket.io polling handshake", "/socket.io/?EIO=4&transport=polling"],
  ["socket.io bad request", "/socket.io/?EIO=9&transport=polling"],
  ["non-API path without Next", "/anything"],
];

describe("every response the server writes carries the headers", () => {
  test.each(kinds)("%s", async (_kind, path, init) => {
    const { headers } = await headersOf(server.url, path, { ...init, headers: { cookie, ...(init?.headers as object) } });
    for (const [name, value] of Object.entries(COMMON)) expect(headers.get(name), name).toBe(value);
    expect(headers.get("content-security-policy")).toBe(NON_PAGE_CSP);
    expect(headers.get("strict-transport-security")).toBeNull(); // no https PUBLIC_URL
  });

  test("the non-page policy forbids everything, framing included", () => {
    expect(NON_PAGE_CSP).toContain("default-src 'none'");
    expect(NON_PAGE_CSP).toContain("frame-ancestors 'none'");
  });

  test.each(kinds)("under an https PUBLIC_URL, HSTS too: %s", async (_kind, path, init) => {
    const { headers } = await headersOf(https.url, path, init);
    expect(headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the page policy", () => {
  const http = { publicUrl: undefined, dev: false };
  test("scripts only by nonce, never 'unsafe-inline'; the directives the brief names", () => {
    const csp = pageCsp("abc123==", http, "127.0.0.1:3000");
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(script).not.toContain("unsafe-inline");
    expect(script).not.toContain("unsafe-eval");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "connect-src 'self' ws://127.0.0.1:3000 wss://127.0.0.1:3000"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  test("under an https PUBLIC_URL: wss to that host only, and upgrade-insecure-requests", () => {
    const csp = pageCsp("n", { publicUrl: new URL("https://tandem.example.com"), dev: false }, "evil.example");
    expect(csp).toContain("connect-src 'self' wss://tandem.example.com;");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(csp).not.toContain("evil");
  });

  test("a Host with odd characters is never echoed into the policy", () => {
    for (const host of ["a b", "x;script-src *", "evil.example/path", "\r\nX: y"]) {
      const csp = pageCsp("n", http, host);
      expect(csp).toContain("connect-src 'self';");
      expect(csp).not.toContain("script-src *");
    }
  });

  test("a fresh nonce per request, on the response and on the request (where Next reads it), replacing the client's", async () => {
    const nonces: string[] = [];
    const seen: string[] = [];
    const srv = http_createServer((req, res) => {
      req.headers["content-security-policy"] = "script-src 'nonce-attacker'";
      const nonce = setPageSecurityHeaders(req, res, { publicUrl: undefined, dev: false });
      nonces.push(nonce);
      seen.push(String(req.headers["content-security-policy"]));
      res.end();
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    const a = await fetch(base + "/");
    const b = await fetch(base + "/");
    srv.close();
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.headers.get("content-security-policy")).toContain(`'nonce-${nonces[0]}'`);
    expect(b.headers.get("content-security-policy")).toContain(`'nonce-${nonces[1]}'`);
    expect(seen[0]).toBe(a.headers.get("content-security-policy"));
    expect(seen[0]).not.toContain("attacker");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
  });
});

const http_createServer = http.createServer;
