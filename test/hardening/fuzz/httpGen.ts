// Seeded, structure-aware HTTP requests, written as raw bytes so that what no HTTP client would send
// (bogus Content-Length, duplicate headers, percent garbage, unicode in the path) can be sent.
// One seed → one request, exactly.
import { Rng } from "../support/prng";
import { MIMEType } from "node:util";
import { deepText, shaped, uuidLike, type FieldKind, type Ids } from "./values";

export type HttpCase = {
  seed: number;
  /** What was chosen, for the failure report. */
  label: string[];
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** The Content-Length header written; "omit" writes none (chunked or bodiless), "correct" the body's length. */
  length: "correct" | "omit" | string;
  chunked: boolean;
  /** The route parses a JSON body and the request was sent with a type that is not application/json. */
  nonJsonBody: boolean;
  /** True when the declared length exceeds the bytes sent: the server is owed bytes that never come. */
  shortBody: boolean;
};

export type HttpContext = Ids & { cookies: string[]; origin: string; host: string };

type RouteShape = { method: string; path: string; body?: Record<string, FieldKind> };

/** The API's routes and their body fields (the server's own zod schemas name these). */
const ROUTES: RouteShape[] = [
  { method: "POST", path: "/api/auth/signup", body: { email: "email", password: "password", name: "name" } },
  { method: "POST", path: "/api/auth/login", body: { email: "email", password: "password" } },
  { method: "GET", path: "/api/me" },
  { method: "GET", path: "/api/tokens" },
  { method: "POST", path: "/api/tokens", body: { name: "name" } },
  { method: "DELETE", path: "/api/tokens/:id" },
  { method: "GET", path: "/api/documents" },
  { method: "POST", path: "/api/documents", body: { title: "title" } },
  { method: "GET", path: "/api/documents/:id" },
  { method: "PATCH", path: "/api/documents/:id", body: { title: "title" } },
  { method: "DELETE", path: "/api/documents/:id" },
  { method: "GET", path: "/api/documents/:id/members" },
  { method: "POST", path: "/api/documents/:id/members", body: { email: "email", role: "role" } },
  { method: "PATCH", path: "/api/documents/:id/members/:userId", body: { role: "role" } },
  { method: "DELETE", path: "/api/documents/:id/members/:userId" },
  { method: "GET", path: "/api/admin/announcements" },
  {
    method: "POST",
    path: "/api/admin/announcements",
    body: {
      title: "title",
      body: "markdown",
      severity: "severity",
      kind: "kind",
      audience: "audience",
      targetPath: "path",
      startsAt: "date",
      endsAt: "date",
      dismissible: "bool",
    },
  },
  { method: "PATCH", path: "/api/admin/announcements/:id", body: { title: "title", audience: "audience" } },
  { method: "DELETE", path: "/api/admin/announcements/:id" },
  { method: "GET", path: "/api/announcements" },
  { method: "POST", path: "/api/announcements/:id/dismiss" },
  { method: "GET", path: "/api/events" },
  { method: "GET", path: "/healthz" },
  { method: "GET", path: "/readyz" },
  { method: "GET", path: "/metrics" },
  // Added 2026-12-03 (a test below checks every registered route is here): appended, so the seeds
  // above keep their routes' share; the named cases were re-found after the list grew.
  { method: "POST", path: "/api/auth/logout" },
  { method: "POST", path: "/api/auth/forgot-password", body: { email: "email" } },
  { method: "GET", path: "/api/auth/reset/:id" },
  { method: "POST", path: "/api/auth/reset/:id", body: { password: "password" } },
  { method: "PATCH", path: "/api/me", body: { name: "name" } },
  { method: "PUT", path: "/api/me/email", body: { email: "email", password: "password" } },
  { method: "PUT", path: "/api/me/password", body: { currentPassword: "password", newPassword: "password" } },
  { method: "GET", path: "/api/me/sessions" },
  { method: "DELETE", path: "/api/me/sessions" },
  { method: "DELETE", path: "/api/me/sessions/:id" },
  { method: "GET", path: "/api/me/favourites" },
  { method: "GET", path: "/api/me/recent" },
  { method: "PUT", path: "/api/documents/:id/favourite" },
  { method: "DELETE", path: "/api/documents/:id/favourite" },
  { method: "GET", path: "/api/search" },
  { method: "GET", path: "/api/export" },
  { method: "GET", path: "/api/documents/:id/export" },
  { method: "POST", path: "/api/documents/import", body: { title: "title", format: "kind" } },
  { method: "GET", path: "/api/documents/:id/compare" },
  { method: "GET", path: "/api/documents/:id/versions" },
  { method: "POST", path: "/api/documents/:id/versions", body: { name: "title" } },
  { method: "GET", path: "/api/documents/:id/versions/:userId" },
  { method: "PATCH", path: "/api/documents/:id/versions/:userId", body: { name: "title" } },
  { method: "DELETE", path: "/api/documents/:id/versions/:userId" },
  { method: "POST", path: "/api/documents/:id/versions/:userId/restore" },
  { method: "POST", path: "/api/documents/:id/versions/:userId/copy", body: { title: "title" } },
  { method: "POST", path: "/api/documents/:id/restore" },
  { method: "GET", path: "/api/trash" },
  { method: "GET", path: "/api/trash/:id" },
  { method: "POST", path: "/api/trash/:id/restore" },
  { method: "DELETE", path: "/api/trash/:id" },
  { method: "DELETE", path: "/api/admin/trash" },
  { method: "POST", path: "/api/documents/:id/images" },
  { method: "GET", path: "/api/images/:id" },
  { method: "GET", path: "/api/documents/:id/invitations" },
  { method: "DELETE", path: "/api/documents/:id/invitations/:userId" },
  { method: "POST", path: "/api/documents/:id/invitations/:userId/resend" },
  { method: "GET", path: "/api/invitations/:id" },
  { method: "POST", path: "/api/invitations/:id/accept" },
  { method: "GET", path: "/api/documents/:id/links" },
  { method: "POST", path: "/api/documents/:id/links", body: { role: "role", expiresAt: "date", label: "title" } },
  { method: "PATCH", path: "/api/documents/:id/links/:userId", body: { role: "role", label: "title" } },
  { method: "DELETE", path: "/api/documents/:id/links/:userId" },
  { method: "POST", path: "/api/links/open", body: { token: "id" } },
  { method: "GET", path: "/api/admin/people" },
  { method: "PATCH", path: "/api/admin/people/:id", body: { isAdmin: "bool", deactivated: "bool" } },
  { method: "POST", path: "/api/admin/people/:id/reset-link" },
  { method: "GET", path: "/api/admin/announcements/:id/reach" },
  { method: "GET", path: "/api/admin/announcements/:id/reach.csv" },
  { method: "POST", path: "/api/admin/announcements/:id/remind" },
  { method: "POST", path: "/api/announcements/:id/ack" },
  { method: "POST", path: "/api/announcements/seen", body: { ids: "id" } },
  { method: "GET", path: "/api/announcements/current" },
  { method: "GET", path: "/api/announcements/feed.atom" },
  { method: "GET", path: "/api/unsubscribe" },
  { method: "POST", path: "/api/unsubscribe", body: { token: "id" } },
];

/**
 * Nested pages (lib/contracts/pages.ts), page export and the HTTP editing transport, fuzzed in a run
 * of their own: adding them to ROUTES would change what every kept seed of cases.ts generates.
 */
export const PAGE_ROUTES: RouteShape[] = [
  { method: "POST", path: "/api/documents", body: { title: "title", parentId: "id" } },
  { method: "GET", path: "/api/pages/tree" },
  { method: "GET", path: "/api/documents/:id/breadcrumbs" },
  { method: "POST", path: "/api/documents/:id/move", body: { parentId: "id", beforeId: "id" } },
  { method: "PATCH", path: "/api/documents/:id/access", body: { inheritAccess: "bool" } },
  { method: "GET", path: "/api/documents/:id/export-pages" },
  // Editing over SSE + POST (server/collab/httpTransport.ts); the frames body is binary, sent as JSON here.
  { method: "GET", path: "/api/collab/:id/stream" },
  { method: "POST", path: "/api/collab/:id/frames" },
  // Email changes confirmed by a mailed link (server/auth/emailChanges.ts), appended here for the same reason.
  { method: "GET", path: "/api/me/email" },
  { method: "POST", path: "/api/me/email/resend" },
  { method: "DELETE", path: "/api/me/email" },
  { method: "GET", path: "/api/auth/email-change/:id" },
  { method: "POST", path: "/api/auth/email-change/:id" },
];

/** Every route the fuzzers aim at ("METHOD /path"), for the coverage test in the matrix suite. */
export const FUZZED_ROUTES: ReadonlyArray<{ method: string; path: string }> = [...ROUTES, ...PAGE_ROUTES];

const PERCENT_GARBAGE = ["%ZZ", "%", "%2", "%G0", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%00", "%FF%FE", "%25ZZ", "%%%", "%u0041", "%F0%9F%98"];

function param(r: Rng, ctx: HttpContext): string {
  return r.weighted<() => string>([
    [4, () => r.pick([ctx.victimDocId, ctx.playgroundId, ...ctx.other])],
    [2, () => uuidLike(r)],
    [3, () => r.pick(PERCENT_GARBAGE)],
    [1, () => r.pick(PERCENT_GARBAGE) + r.chars(r.range(0, 5)) + r.pick(PERCENT_GARBAGE)],
    [1, () => "a".repeat(r.size(20_000))],
    [1, () => encodeURIComponent(r.nastyString(10).replace(/[\ud800-\udfff]/g, "x"))],
    [1, () => r.pick(["..", ".", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "~", "*", "-", "_"])],
    [1, () => Buffer.from(r.nastyString(6), "utf8").toString("latin1")], // raw non-ASCII bytes in the path
  ])();
}

function path(r: Rng, route: RouteShape, ctx: HttpContext, label: string[]): string {
  const kind = r.weighted<string>([
    [7, "route"],
    [1, "random"],
    [1, "long"],
    [1, "odd"],
  ]);
  label.push(`path:${kind}`);
  let p: string;
  if (kind === "route") p = route.path.replace(/:(\w+)/g, () => param(r, ctx));
  else if (kind === "random") {
    const segments = Array.from({ length: r.range(1, 6) }, () => (r.chance(0.4) ? r.pick(PERCENT_GARBAGE) : r.chars(r.range(0, 10))));
    p = (r.chance(0.6) ? "/api/" : "/") + segments.join("/");
  } else if (kind === "long") p = "/api/documents/" + "x".repeat(r.size(200_000));
  else
    p = r.pick([
      "*",
      "//api//documents",
      "/api/documents/../me",
      "http://evil.example/api/me",
      "/api/./me",
      "/api/me/",
      "/API/ME",
      "/api/me;x=1",
      "/\\api\\me",
      "/api/events/%ZZ",
      "",
    ]);
  if (r.chance(0.2))
    p +=
      "?" + r.pick(["path=%ZZ", "token=" + r.chars(40), "lastEventId=" + r.nastyString(5), "a=" + "b".repeat(r.size(10_000)), "%ZZ=%ZZ", "path=/documents/*"]);
  return p;
}

const METHODS = [
  "GET",
  "POST",
  "PATCH",
  "DELETE",
  "PUT",
  "HEAD",
  "OPTIONS",
  "TRACE",
  "get",
  "FOO",
  "PROPFIND",
  "M-SEARCH",
  "QUERY",
  "CONNECT",
  "X".repeat(300),
];

const CONTENT_TYPES = [
  "text/plain",
  "text/plain; charset=application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=----x",
  "application/json; charset=utf-16",
  "application/jsonx",
  "application/json, text/plain",
  "application/json;;;",
  "APPLICATION/JSON",
  "application/ld+json",
  "",
  "*/*",
  "application/json; charset=" + "x".repeat(5_000),
];

function body(r: Rng, route: RouteShape, ctx: HttpContext, label: string[], maxBody: number): Buffer {
  const kind = r.weighted<string>([
    [8, "shaped"],
    [2, "invalid-json"],
    [1, "deep"],
    [2, "surrogate"],
    [1, "bad-utf8"],
    [1, "huge"],
    [1, "empty"],
    [1, "random"],
  ]);
  label.push(`body:${kind}`);
  const fields = route.body ?? { title: "title" };
  switch (kind) {
    case "shaped":
      return Buffer.from(JSON.stringify(shaped(r, fields, ctx, 70_000)));
    case "invalid-json": {
      const text = JSON.stringify(shaped(r, fields, ctx, 100));
      return Buffer.from(
        r.pick([text.slice(0, r.int(text.length)), text + ",", "{'title':'x'}", "{title: 1}", "NaN", "[1,]", '{"a":1}}', "\u0000", '{"title":"\\x41"}']),
      );
    }
    case "deep":
      return Buffer.from(deepText(r.size(200_000) + 10, r.chance(0.5)));
    case "surrogate": {
      // A lone surrogate escape: valid JSON, but not text any database can store.
      const field = r.pick(Object.keys(fields));
      const rest = shaped(r, fields, ctx, 10);
      delete rest[field];
      const text = JSON.stringify(rest);
      return Buffer.from(`${text.slice(0, -1)}${text.length > 2 ? "," : ""}"${field}":"a\\${r.pick(["ud800", "udfff", "udbff"])}b"}`);
    }
    case "bad-utf8":
      return Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xff]), Buffer.from('"}')]);
    case "huge":
      return Buffer.alloc(r.range(64 * 1024, maxBody), "a");
    case "empty":
      return Buffer.alloc(0);
    default:
      return Buffer.from(r.bytes(r.size(5_000)));
  }
}

/** application/json by its media type (parameters aside), the only type a JSON body may come in. */
function isJsonType(header: string | undefined): boolean {
  try {
    return header !== undefined && new MIMEType(header).essence === "application/json";
  } catch {
    return false;
  }
}

export function httpCase(seed: number, ctx: HttpContext, maxBody = 2 * 1024 * 1024, routes: RouteShape[] = ROUTES): HttpCase {
  const r = new Rng(seed);
  const label: string[] = [];
  const route = r.pick(routes);
  label.push(`${route.method} ${route.path}`);
  const method = r.chance(0.85) ? route.method : r.pick(METHODS);
  if (method !== route.method) label.push(`method:${method.slice(0, 10)}`);
  const target = path(r, route, ctx, label);
  const headers: Array<[string, string]> = [];
  headers.push(["Host", r.chance(0.95) ? ctx.host : r.pick(["", "evil.example", "localhost:1", ctx.host + ", evil.example", "%ZZ"])]);

  // Who is asking: a fuzzer's real session (never for logout: it would sign itself out), junk, or no one.
  const auth =
    route.path === "/api/auth/logout"
      ? "junk"
      : r.weighted<string>([
          [5, "cookie"],
          [2, "junk"],
          [2, "none"],
          [1, "bearer"],
        ]);
  label.push(`auth:${auth}`);
  if (auth === "cookie")
    headers.push(
      ["Cookie", r.pick(ctx.cookies)],
      ["Origin", r.chance(0.9) ? ctx.origin : r.pick(["null", "https://evil.example", "%ZZ", ctx.origin.replace("http:", "https:")])],
    );
  else if (auth === "junk")
    headers.push([
      "Cookie",
      r.pick(["tandem_session=%ZZ", "tandem_session=" + r.chars(r.size(10_000)), "tandem_session=\u00ff", "tandem_session", "=;=;=", ";".repeat(1000)]),
    ]);
  else if (auth === "bearer")
    headers.push(["Authorization", r.pick(["Bearer tdm_" + r.chars(40), "Bearer " + "x".repeat(r.size(8_000)), "Bearer", "Basic Zm9vOmJhcg==", "Bearer %ZZ"])]);

  let bytes: Buffer = Buffer.alloc(0);
  let contentType: string | undefined;
  const sendsBody = route.body !== undefined ? r.chance(0.95) : r.chance(0.15);
  if (sendsBody) {
    bytes = body(r, route, ctx, label, maxBody);
    contentType = r.chance(0.75) ? r.pick(["application/json", "application/json; charset=utf-8"]) : r.pick(CONTENT_TYPES);
    headers.push(["Content-Type", contentType]);
    if (r.chance(0.05)) headers.push(["Content-Type", r.pick(CONTENT_TYPES)]);
  }
  const nonJsonBody = route.body !== undefined && method === route.method && bytes.length > 0 && !isJsonType(contentType);

  // Framing: honest most of the time, otherwise a lie about the length.
  let length = "correct";
  let chunked = false;
  const framing = r.weighted<string>([
    [10, "honest"],
    [1, "chunked"],
    [1, "bogus"],
    [1, "duplicate"],
    [1, "te+cl"],
  ]);
  if (framing !== "honest") label.push(`framing:${framing}`);
  if (framing === "chunked") (chunked = true), (length = "omit");
  else if (framing === "bogus")
    length = r.pick(["-1", "abc", "1e3", " 5", "99999999999999999999", String(bytes.length + r.range(1, 1000)), String(Math.max(0, bytes.length - 1)), "0x10"]);
  else if (framing === "duplicate") headers.push(["Content-Length", String(bytes.length + 1)]);
  else if (framing === "te+cl") headers.push(["Transfer-Encoding", r.pick(["chunked", "gzip", "chunked, identity", "xchunked"])]);

  // Odd headers.
  const extras = r.range(0, 3);
  for (let i = 0; i < extras; i++) {
    headers.push(
      r.weighted<() => [string, string]>([
        // Control characters would only meet Node's header parser (400); without them the value reaches the app.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the control characters Node's header parser would reject
        [2, () => ["X-Request-Id", r.pick([r.nastyString(10).replace(/[\u0000-\u001f\u007f]/g, ""), "x".repeat(r.size(10_000)), "../../etc"])]],
        [2, () => ["Last-Event-ID", r.pick(["%ZZ", "-1", "99999999999999999999999", r.chars(r.size(5_000)), "1-2-3"])]],
        [1, () => ["X-Forwarded-For", r.pick(["1.2.3.4, 5.6.7.8", "garbage", "::1", "%ZZ"])]],
        [1, () => ["X-Huge", "h".repeat(r.range(8_000, 40_000))]],
        [1, () => ["Accept", r.pick(["text/event-stream", "*/*", "application/json;q=x", ""])]],
        [1, () => [r.chars(r.range(1, 20)), r.chars(r.range(0, 50))]],
        [1, () => ["Sec-Fetch-Site", r.pick(["cross-site", "same-site", "none", "x"])]],
      ])(),
    );
  }
  if (r.chance(0.03)) for (let i = 0; i < r.range(100, 2_000); i++) headers.push([`X-Many-${i}`, "1"]);

  const shortBody = length !== "correct" && length !== "omit" && /^\d+$/.test(length.trim()) && Number(length) > bytes.length;
  return { seed, label, method, target, headers, body: bytes, length, chunked, nonJsonBody, shortBody };
}

/** The request as bytes on the wire. Always `Connection: close`, so every answer ends with the socket. */
export function serialize(c: HttpCase): Buffer {
  const lines = [`${c.method} ${c.target} HTTP/1.1`];
  for (const [name, value] of c.headers) lines.push(`${name}: ${value}`);
  if (c.chunked) lines.push("Transfer-Encoding: chunked");
  else if (c.length === "correct") lines.push(`Content-Length: ${c.body.length}`);
  else if (c.length !== "omit") lines.push(`Content-Length: ${c.length}`);
  lines.push("Connection: close", "", "");
  const head = Buffer.from(lines.join("\r\n"), "latin1");
  if (!c.chunked) return Buffer.concat([head, c.body]);
  return Buffer.concat([head, Buffer.from(c.body.length.toString(16) + "\r\n"), c.body, Buffer.from("\r\n0\r\n\r\n")]);
}
