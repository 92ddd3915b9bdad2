// Collab upgrades answer "who is this?" and "what is their role?" from a short memory (a reconnect
// storm asks the same questions hundreds of times). Every change that alters an answer must be felt by
// the very next upgrade, not when the memory expires: a socket that joined a moment ago, then the
// change, then a new socket with the same credential, which must be refused.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { openRaw } from "../collab/wsClients";
import type { IncomingMessage } from "node:http";

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url, { origin: server.url });
  await admin.signup("Ada Admin"); // the first account of a fresh server is its administrator
});
afterAll(async () => {
  await server?.stop();
});

async function person(name: string) {
  const api = new ApiClient(server.url, { origin: server.url });
  return { api, user: await api.signup(name) };
}

const collabUrl = (documentId: string, query = "") => `${server.url.replace(/^http/, "ws")}/collab/${documentId}${query}`;

/** Opens a collab socket; resolves "joined" at its first frame, else the close code it got. */
async function attempt(url: string, headers: Record<string, string>): Promise<"joined" | number> {
  const socket = openRaw(url, headers);
  const outcome = await Promise.race([
    new Promise<"joined">((resolve) => socket.ws.once("message", () => resolve("joined"))),
    socket.closed.then((c) => c.code),
    socket.refused,
  ]);
  socket.ws.close();
  return outcome;
}

const withCookie = (api: ApiClient, documentId: string) => attempt(collabUrl(documentId), { cookie: api.cookie, origin: server.url });

async function sharedDocument(ownerName: string, memberName: string) {
  const owner = await person(ownerName);
  const member = await person(memberName);
  const documentId: string = (await owner.api.post("/api/documents", { title: `${ownerName}'s notes` })).body.id;
  expect((await owner.api.post(`/api/documents/${documentId}/members`, { email: member.user.email, role: "editor" })).status).toBe(201);
  return { owner, member, documentId };
}

test("a revoked access token is refused by the next upgrade", async () => {
  const { member, documentId } = await sharedDocument("Olga", "Theo");
  const created = await member.api.post("/api/tokens", { name: "script" });
  const { id, token } = created.body.token as { id: string; token: string };
  expect(await attempt(collabUrl(documentId, `?token=${token}`), {})).toBe("joined");
  expect(await attempt(collabUrl(documentId, `?token=${token}`), {})).toBe("joined"); // remembered now
  expect((await member.api.delete(`/api/tokens/${id}`)).status).toBe(204);
  expect(await attempt(collabUrl(documentId, `?token=${token}`), {})).toBe(CloseCode.Unauthorized);
});

test("a signed-out session is refused by the next upgrade", async () => {
  const { member, documentId } = await sharedDocument("Olaf", "Sina");
  const cookie = member.api.cookie;
  expect(await withCookie(member.api, documentId)).toBe("joined");
  expect((await member.api.post("/api/auth/logout", {})).status).toBe(204);
  expect(await attempt(collabUrl(documentId), { cookie, origin: server.url })).toBe(CloseCode.Unauthorized);
});

test("a removed member, then a moved-to-trash document, are refused by the next upgrade", async () => {
  const { owner, member, documentId } = await sharedDocument("Oona", "Milo");
  expect(await withCookie(member.api, documentId)).toBe("joined");
  expect((await owner.api.delete(`/api/documents/${documentId}/members/${member.user.id}`)).status).toBe(204);
  expect(await withCookie(member.api, documentId)).toBe(CloseCode.Forbidden);
  // Invited again: a member again (nothing refused is remembered either).
  expect((await owner.api.post(`/api/documents/${documentId}/members`, { email: member.user.email, role: "viewer" })).status).toBe(201);
  expect(await withCookie(member.api, documentId)).toBe("joined");
  expect(await withCookie(owner.api, documentId)).toBe("joined");
  expect((await owner.api.delete(`/api/documents/${documentId}`)).status).toBe(204);
  expect(await withCookie(owner.api, documentId)).toBe(CloseCode.DocumentDeleted);
  expect(await withCookie(member.api, documentId)).toBe(CloseCode.DocumentDeleted);
});

test("a deactivated account is refused by the next upgrade", async () => {
  const { member, documentId } = await sharedDocument("Otto", "Dana");
  expect(await withCookie(member.api, documentId)).toBe("joined");
  expect((await admin.patch(`/api/admin/people/${member.user.id}`, { deactivated: true })).status).toBe(200);
  expect(await withCookie(member.api, documentId)).toBe(CloseCode.Unauthorized);
});

test("the remembered callers themselves forget at once: a revoked token, a deactivated account", async () => {
  const { member } = await sharedDocument("Omar", "Vera");
  const { id, token } = (await member.api.post("/api/tokens", { name: "script" })).body.token as { id: string; token: string };
  const byToken = { headers: { authorization: `Bearer ${token}` } } as IncomingMessage;
  const byCookie = { headers: { cookie: member.api.cookie } } as IncomingMessage;
  const { auth } = server.services;
  expect((await auth.authenticateRecent(byToken))?.user.id).toBe(member.user.id);
  expect((await auth.authenticateRecent(byCookie))?.user.id).toBe(member.user.id);
  expect((await member.api.delete(`/api/tokens/${id}`)).status).toBe(204);
  expect(await auth.authenticateRecent(byToken)).toBeNull();
  expect((await auth.authenticateRecent(byCookie))?.user.id).toBe(member.user.id);
  expect((await admin.patch(`/api/admin/people/${member.user.id}`, { deactivated: true })).status).toBe(200);
  expect(await auth.authenticateRecent(byCookie)).toBeNull();
});
