import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let owner: ApiClient;
let other: ApiClient;
let otherUser: { id: string; email: string };

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Owner");
  other = new ApiClient(server.url);
  otherUser = await other.signup("Other");
});
afterAll(async () => server?.stop());

async function createDoc(title = "Q3 plan") {
  const res = await owner.post("/api/documents", { title });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string; role: string };
}

describe("documents", () => {
  test("create, list, get, rename, delete", async () => {
    const doc = await createDoc("Draft");
    expect(doc).toMatchObject({ title: "Draft", role: "owner" });
    expect((await owner.get("/api/documents")).body.documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect((await owner.get(`/api/documents/${doc.id}`)).body.title).toBe("Draft");
    const renamed = await owner.patch(`/api/documents/${doc.id}`, { title: "  Final  " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe("Final");
    expect((await owner.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await owner.get(`/api/documents/${doc.id}`)).status).toBe(404);
  });

  test("a missing title defaults to Untitled; an empty or huge one is 400", async () => {
    expect((await owner.post("/api/documents", {})).body.title).toBe("Untitled");
    const empty = await owner.post("/api/documents", { title: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("title");
    expect((await owner.post("/api/documents", { title: "x".repeat(201) })).status).toBe(400);
    expect((await owner.post("/api/documents", { title: 42 })).status).toBe(400);
  });

  test("a stranger gets 404 for every route, never 403, and changes nothing", async () => {
    const doc = await createDoc("Secret");
    expect((await other.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await other.patch(`/api/documents/${doc.id}`, { title: "pwned" })).status).toBe(404);
    expect((await other.delete(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await other.get(`/api/documents/${doc.id}/members`)).status).toBe(404);
    expect((await other.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "editor" })).status).toBe(404);
    expect((await owner.get(`/api/documents/${doc.id}`)).body.title).toBe("Secret");
    // A document id that does not exist at all looks exactly the same.
    const missing = await other.get(`/api/documents/00000000-0000-0000-0000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe((await other.get(`/api/documents/${doc.id}`)).body.error.message);
    expect((await other.get(`/api/documents/..%2F..%2Fetc`)).status).toBe(404);
  });

  test("signed out is 401 on every route", async () => {
    const anon = new ApiClient(server.url);
    for (const [method, path] of [
      ["GET", "/api/documents"],
      ["POST", "/api/documents"],
      ["GET", "/api/documents/x"],
      ["DELETE", "/api/documents/x"],
    ]) {
      expect((await anon.request(method, path, method === "POST" ? {} : undefined)).status).toBe(401);
    }
  });

  test("an unknown API path is a JSON 404", async () => {
    const res = await owner.get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("sharing", () => {
  test("share as editor: the other account sees it, can rename, cannot delete or share", async () => {
    const doc = await createDoc("Shared plan");
    const added = await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email.toUpperCase(), role: "editor" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: otherUser.id, role: "editor" });

    const list = (await other.get("/api/documents")).body.documents;
    expect(list.find((d: { id: string }) => d.id === doc.id)).toMatchObject({ role: "editor", ownerName: "Owner" });
    expect((await other.patch(`/api/documents/${doc.id}`, { title: "Edited by other" })).status).toBe(200);
    expect((await other.delete(`/api/documents/${doc.id}`)).status).toBe(403);
    const third = new ApiClient(server.url);
    const thirdUser = await third.signup("Third");
    expect((await other.post(`/api/documents/${doc.id}/members`, { email: thirdUser.email, role: "viewer" })).status).toBe(403);
    expect((await third.get(`/api/documents/${doc.id}`)).status).toBe(404);
  });

  test("members list, role change to viewer, viewer cannot rename, removal hides the document", async () => {
    const doc = await createDoc("Roles");
    await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "editor" });
    const members = (await other.get(`/api/documents/${doc.id}/members`)).body.members;
    expect(members.map((m: { role: string }) => m.role)).toEqual(["owner", "editor"]);

    const changed = await owner.patch(`/api/documents/${doc.id}/members/${otherUser.id}`, { role: "viewer" });
    expect(changed.status).toBe(200);
    expect((await other.get(`/api/documents/${doc.id}`)).body.role).toBe("viewer");
    const rename = await other.patch(`/api/documents/${doc.id}`, { title: "nope" });
    expect(rename.status).toBe(403);
    expect(rename.body.error.message).toMatch(/view/);

    expect((await owner.delete(`/api/documents/${doc.id}/members/${otherUser.id}`)).status).toBe(204);
    expect((await other.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await other.get("/api/documents")).body.documents.find((d: { id: string }) => d.id === doc.id)).toBeUndefined();
  });

  test("sharing errors: an unknown email is invited (again: 409 naming the field), duplicate 409, bad role 400, owner cannot be demoted", async () => {
    const doc = await createDoc("Errors");
    // No account uses it: a pending invitation (test/people/invitations.test.ts follows it through).
    const unknown = await owner.post(`/api/documents/${doc.id}/members`, { email: "ghost@example.com", role: "editor" });
    expect(unknown.status).toBe(201);
    expect(unknown.body.invitation).toMatchObject({ email: "ghost@example.com", role: "editor" });
    const again = await owner.post(`/api/documents/${doc.id}/members`, { email: "ghost@example.com", role: "editor" });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe("email");
    await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "viewer" });
    expect((await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "editor" })).status).toBe(409);
    expect((await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "owner" })).status).toBe(400);
    const me = (await owner.get("/api/me")).body.user;
    expect((await owner.patch(`/api/documents/${doc.id}/members/${me.id}`, { role: "viewer" })).status).toBe(403);
    expect((await owner.delete(`/api/documents/${doc.id}/members/${me.id}`)).status).toBe(403);
  });

  test("a member can leave a document themselves", async () => {
    const doc = await createDoc("Leave me");
    await owner.post(`/api/documents/${doc.id}/members`, { email: otherUser.email, role: "viewer" });
    expect((await other.delete(`/api/documents/${doc.id}/members/${otherUser.id}`)).status).toBe(204);
    expect((await other.get(`/api/documents/${doc.id}`)).status).toBe(404);
  });
});
