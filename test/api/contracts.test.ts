// The HTTP contracts (lib/contracts) against the real server: every JSON answer parses with its
// response schema (strict, so a field the contract does not name fails too), every error with the
// error body, and the one id rule holds on all three channels.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { openRaw } from "../collab/wsClients";
import { UserResponse } from "../../lib/contracts/auth";
import { DocumentListResponse, ListedDocument } from "../../lib/contracts/documents";
import { Member, MemberListResponse } from "../../lib/contracts/members";
import { CreatedTokenResponse, TokenListResponse } from "../../lib/contracts/tokens";
import { AdminAnnouncement, AdminAnnouncementListResponse, AnnouncementListResponse } from "../../lib/contracts/announcements";
import { API_ERROR_CODES, ApiErrorBody } from "../../lib/contracts/errors";
import { DocumentId, ID_MAX, Id } from "../../lib/contracts/ids";
import { ClientEventSchemas } from "../../lib/realtime/events";
import { ErrorStatus } from "../../server/http/errors";
import * as apiSchemas from "../../server/api/schemas";
import { CloseCode } from "../../lib/collab/closeCodes";

let server: TestServer;
let admin: ApiClient;
let bob: ApiClient;
let bobEmail: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  bob = new ApiClient(server.url);
  expect((await admin.signup("Admin")).isAdmin).toBe(true); // the first account administers
  bobEmail = (await bob.signup("Bob")).email;
});
afterAll(async () => server?.stop());

/** The answer's body, parsed with its contract: a mismatch fails with zod's account of it. */
function conforms<S extends z.ZodType>(res: { status: number; body: unknown }, status: number, schema: S): z.infer<S> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const parsed = schema.safeParse(res.body);
  expect(parsed.success ? null : parsed.error.issues, JSON.stringify(res.body)).toBeNull();
  return parsed.data as z.infer<S>;
}

describe("every answer matches its contract", () => {
  test("auth: sign-up, sign-in, me", async () => {
    const fresh = new ApiClient(server.url);
    const email = `carol-${Math.random().toString(36).slice(2, 8)}@example.com`;
    conforms(await fresh.post("/api/auth/signup", { name: "Carol", email, password: "correct horse battery" }), 201, UserResponse);
    conforms(await fresh.post("/api/auth/login", { email, password: "correct horse battery" }), 200, UserResponse);
    conforms(await fresh.get("/api/me"), 200, UserResponse);
  });

  test("documents and members", async () => {
    const doc = conforms(await admin.post("/api/documents", { title: "Contract" }), 201, ListedDocument);
    conforms(await admin.get("/api/documents"), 200, DocumentListResponse);
    conforms(await admin.get(`/api/documents/${doc.id}`), 200, ListedDocument);
    conforms(await admin.patch(`/api/documents/${doc.id}`, { title: "Contract v2" }), 200, ListedDocument);
    const member = conforms(await admin.post(`/api/documents/${doc.id}/members`, { email: bobEmail, role: "viewer" }), 201, Member);
    conforms(await admin.patch(`/api/documents/${doc.id}/members/${member.userId}`, { role: "editor" }), 200, Member);
    const { members } = conforms(await bob.get(`/api/documents/${doc.id}/members`), 200, MemberListResponse);
    expect(members.map((m) => m.role).sort()).toEqual(["editor", "owner"]);
  });

  test("access tokens (dates as ISO strings, the secret only at creation)", async () => {
    const { token } = conforms(await admin.post("/api/tokens", { name: "ci", scopes: ["documents:read"] }), 201, CreatedTokenResponse);
    expect(token.token).toMatch(/^tdm_/);
    const { tokens } = conforms(await admin.get("/api/tokens"), 200, TokenListResponse);
    expect(tokens.map((t) => t.id)).toContain(token.id);
  });

  test("announcements: the admin API and the active list", async () => {
    const created = conforms(await admin.post("/api/admin/announcements", { title: "Maintenance tonight" }), 201, AdminAnnouncement);
    conforms(await admin.get("/api/admin/announcements"), 200, AdminAnnouncementListResponse);
    conforms(await admin.patch(`/api/admin/announcements/${created.id}`, { body: "From 22:00" }), 200, AdminAnnouncement);
    const { announcements } = conforms(await bob.get("/api/announcements?path=/documents/x"), 200, AnnouncementListResponse);
    expect(announcements.map((a) => a.id)).toContain(created.id);
    conforms(await admin.delete(`/api/admin/announcements/${created.id}`), 200, AdminAnnouncement);
  });

  test("errors: 400, 401, 403, 404 and 409 carry the error body", async () => {
    const visitor = new ApiClient(server.url);
    const doc = conforms(await admin.post("/api/documents", { title: "Errors" }), 201, ListedDocument);
    const invalid = conforms(await admin.post("/api/documents", { title: "" }), 400, ApiErrorBody);
    expect(invalid.error).toMatchObject({ code: "invalid_input", field: "title" });
    expect(conforms(await visitor.get("/api/documents"), 401, ApiErrorBody).error.code).toBe("unauthorized");
    expect(conforms(await bob.get("/api/admin/announcements"), 403, ApiErrorBody).error.code).toBe("forbidden");
    expect(conforms(await bob.get(`/api/documents/${doc.id}`), 404, ApiErrorBody).error.code).toBe("not_found");
    await admin.post(`/api/documents/${doc.id}/members`, { email: bobEmail, role: "viewer" });
    expect(conforms(await admin.post(`/api/documents/${doc.id}/members`, { email: bobEmail, role: "viewer" }), 409, ApiErrorBody).error.code).toBe("conflict");
  });
});

test("the error codes the client knows are the ones the server sends", () => {
  expect([...API_ERROR_CODES].sort()).toEqual(Object.keys(ErrorStatus).sort());
});

describe("one document-id rule on every channel", () => {
  const longest = "a".repeat(ID_MAX);
  const tooLong = "a".repeat(ID_MAX + 1);

  test("the rule: URL-safe, 1 to 64 characters; every id the app makes (a UUID) passes", () => {
    expect(DocumentId).toBe(Id);
    expect(Id.safeParse(crypto.randomUUID()).success).toBe(true);
    expect(Id.safeParse(longest).success).toBe(true);
    for (const bad of [tooLong, "", "../etc", "a/b", "a b", "é"]) expect(Id.safeParse(bad).success, bad).toBe(false);
  });

  test("HTTP params and socket.io payloads use it", () => {
    expect(apiSchemas.Id).toBe(Id);
    const join = ClientEventSchemas["doc:join"];
    expect(join.safeParse({ documentId: longest }).success).toBe(true);
    const refused = join.safeParse({ documentId: tooLong });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["documentId"]);
  });

  test("the collab upgrade uses it: 64 characters reach the credential check, 65 are refused", async () => {
    const collab = server.url.replace(/^http/, "ws") + "/collab";
    expect((await openRaw(`${collab}/${longest}`).closed).code).toBe(CloseCode.Unauthorized);
    expect(await openRaw(`${collab}/${tooLong}`).refused).toBe(404);
  });
});
