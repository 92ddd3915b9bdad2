// Item 9 of issue 12: a lone surrogate ("\ud800") in a title, name, token name, comment or
// announcement answered 500 (socket.io: `internal`). Every route and event that takes text must
// answer invalid_input naming the field, store nothing, and a surrogate in a field no schema knows
// (or in a key) must not get through either.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { ask, connected, createDocument, openSocket, type ClientSocket } from "../realtime/helpers";

const LONE = "\ud800";
const LOW = "x\udfffy";

let server: TestServer;
let admin: ApiClient; // the first account is the administrator
let docId: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url, { origin: server.url });
  await admin.signup("Admin");
  docId = (await createDocument(admin, "Plain")).id;
});
afterAll(() => server.stop());

type Case = { method: string; path: () => string; body: Record<string, unknown>; field: string };
const goodAnnouncement = { title: "Hello", body: "Text" };
const cases: Case[] = [
  { method: "POST", path: () => "/api/auth/signup", body: { name: LONE, email: "a@example.com", password: "long enough pw" }, field: "name" },
  { method: "POST", path: () => "/api/auth/signup", body: { name: "A", email: `a${LONE}@example.com`, password: "long enough pw" }, field: "email" },
  { method: "POST", path: () => "/api/auth/signup", body: { name: "A", email: "b@example.com", password: `long enough ${LONE}` }, field: "password" },
  { method: "POST", path: () => "/api/auth/login", body: { email: `x${LOW}@example.com`, password: "whatever" }, field: "email" },
  { method: "POST", path: () => "/api/auth/login", body: { email: "x@example.com", password: LONE }, field: "password" },
  { method: "POST", path: () => "/api/tokens", body: { name: `script ${LONE}` }, field: "name" },
  { method: "POST", path: () => "/api/documents", body: { title: LONE }, field: "title" },
  { method: "PATCH", path: () => `/api/documents/${docId}`, body: { title: `a${LOW}` }, field: "title" },
  { method: "POST", path: () => `/api/documents/${docId}/members`, body: { email: `${LONE}@example.com`, role: "viewer" }, field: "email" },
  { method: "POST", path: () => "/api/admin/announcements", body: { ...goodAnnouncement, title: LONE }, field: "title" },
  { method: "POST", path: () => "/api/admin/announcements", body: { ...goodAnnouncement, body: `**${LONE}**` }, field: "body" },
  { method: "POST", path: () => "/api/admin/announcements", body: { ...goodAnnouncement, targetPath: `/documents/${LONE}` }, field: "targetPath" },
  // Fields no schema knows, and keys: refused before any schema runs.
  { method: "POST", path: () => "/api/documents", body: { title: "fine", extra: LONE }, field: "extra" },
  { method: "POST", path: () => "/api/documents", body: { title: "fine", nested: { deep: [`ok`, LONE] } }, field: "" },
  { method: "POST", path: () => "/api/documents", body: { title: "fine", [LONE]: 1 }, field: "" },
  { method: "PATCH", path: () => `/api/documents/${docId}/members/nobody`, body: { role: "viewer", note: LONE }, field: "note" },
  { method: "PATCH", path: () => "/api/admin/announcements/none", body: { dismissible: true, extra: [LONE] }, field: "" },
];

describe("lone surrogates over HTTP", () => {
  const named = cases.map((c) => [`${c.method} ${c.path().replace("undefined", ":id")} ${c.field || "(unnamed: a key or an array item)"}`, c] as const);
  test.each(named)("%s → 400", async (_name, c) => {
    const before = await admin.get("/api/documents");
    const res = await admin.request(c.method, c.path(), c.body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toMatch(/broken text/);
    if (c.field) expect(res.body.error.message.startsWith(`${c.field}:`), res.body.error.message).toBe(true);
    const after = await admin.get("/api/documents");
    expect(after.body).toEqual(before.body); // nothing created or renamed
  });

  test("the same requests with a well-formed emoji (a surrogate pair) go through", async () => {
    const created = await admin.post("/api/documents", { title: "Plan 😀" });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe("Plan 😀");
    const token = await admin.post("/api/tokens", { name: "bot 🤖" });
    expect(token.status).toBe(201);
  });
});

describe("lone surrogates over socket.io", () => {
  let socket: ClientSocket;
  beforeAll(async () => {
    socket = await connected(openSocket(server.url, { transport: "websocket", cookie: admin.cookie }));
    expect((await ask(socket, "doc:join", { documentId: docId })).ok).toBe(true);
  });
  afterAll(() => socket?.disconnect());

  const events: Array<[string, string, Record<string, unknown>, string]> = [
    ["comment:create", "body", { body: `Nice ${LONE}` }, "body"],
    ["comment:create", "quote", { body: "Nice", quote: `a${LOW}` }, "quote"],
    ["comment:reply", "body", { parentId: "abc", body: LONE }, "body"],
    ["doc:join", "documentId", { documentId: LONE }, "documentId"],
    ["doc:leave", "documentId", { documentId: LONE }, "documentId"],
    ["comments:list", "documentId", { documentId: LONE }, "documentId"],
    ["comment:resolve", "commentId", { commentId: LONE, resolved: true }, "commentId"],
    ["comment:delete", "commentId", { commentId: LONE }, "commentId"],
    ["notifications:read", "ids", { ids: [LONE] }, "ids"],
  ];
  test.each(events)("%s with a lone surrogate in %s → invalid_input", async (event, _field, payload, field) => {
    const full = event.startsWith("comment:create") ? { documentId: docId, ...payload } : payload;
    const ack = (await ask(socket, event as never, full as never)) as { ok: boolean; error?: { code: string; message: string } };
    expect(ack.ok).toBe(false);
    expect(ack.error?.code).toBe("invalid_input");
    expect(ack.error?.message).toContain(field);
    const comments = (await ask(socket, "comments:list", { documentId: docId })) as { ok: true; comments: unknown[] };
    expect(comments.comments).toHaveLength(0); // nothing was stored
  });

  test("a comment with an emoji is stored", async () => {
    const ack = (await ask(socket, "comment:create", { documentId: docId, body: "Nice 😀" })) as { ok: boolean };
    expect(ack.ok).toBe(true);
  });
});
