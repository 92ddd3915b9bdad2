// Personal access tokens carry the scopes chosen at creation, on every channel; everything that
// manages the account, its tokens, a document's people or the server needs a session.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { collabOf } from "../../server/collab/collabChannel";
import { MessageType, syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import { appendParagraph } from "../collab/fakes";
import { openRaw, until } from "../collab/wsClients";
import { ask, connected, openSocket } from "../realtime/helpers";

let server: TestServer;
let owner: ApiClient; // the first account: also the administrator
let docId: string;
const tokens = { read: "", write: "", legacy: "" };
const bearer = (token: string) => new ApiClient(server.url, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  expect((await owner.signup("Owner")).isAdmin).toBe(true);
  docId = (await owner.post("/api/documents", { title: "Scoped" })).body.id;
  for (const [kind, scopes] of [
    ["read", ["documents:read"]],
    ["write", ["documents:write"]],
    ["legacy", undefined],
  ] as const) {
    const res = await owner.post("/api/tokens", { name: kind, ...(scopes ? { scopes } : {}) });
    expect(res.status).toBe(201);
    tokens[kind] = res.body.token.token;
  }
});
afterAll(async () => server?.stop());

describe("creating tokens", () => {
  test("scopes are stored and listed; without scopes a token can read and edit documents", async () => {
    const list = (await owner.get("/api/tokens")).body.tokens as Array<{ name: string; scopes: string[] }>;
    const scopesOf = (name: string) => list.find((t) => t.name === name)!.scopes;
    expect(scopesOf("read")).toEqual(["documents:read"]);
    expect(scopesOf("write")).toEqual(["documents:write"]);
    expect(scopesOf("legacy")).toEqual(["documents:read", "documents:write"]);
  });

  test.each([[["admin"]], [[]], ["documents:read"]])("scopes %j are refused with 400", async (scopes) => {
    const res = await owner.post("/api/tokens", { name: "bad", scopes });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toMatch(/^scopes/);
  });
});

describe("over HTTP", () => {
  test("a read token reads documents and who it belongs to, and changes nothing", async () => {
    const t = bearer(tokens.read);
    expect((await t.get("/api/me")).status).toBe(200);
    expect((await t.get("/api/documents")).status).toBe(200);
    expect((await t.get(`/api/documents/${docId}`)).status).toBe(200);
    expect((await t.get(`/api/documents/${docId}/members`)).status).toBe(200);
    const create = await t.post("/api/documents", { title: "nope" });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toBe("This access token does not have the documents:write scope. Create a token with it in Settings.");
    expect((await t.patch(`/api/documents/${docId}`, { title: "renamed" })).status).toBe(403);
  });

  test("a write token creates and renames documents", async () => {
    const t = bearer(tokens.write);
    const created = await t.post("/api/documents", { title: "By a bot" });
    expect(created.status).toBe(201);
    expect((await t.patch(`/api/documents/${created.body.id}`, { title: "Renamed by a bot" })).status).toBe(200);
  });

  test("no token may delete a document, change its members, or manage tokens: a session must", async () => {
    const doomed = (await owner.post("/api/documents", { title: "Keep me" })).body.id;
    for (const token of Object.values(tokens)) {
      const t = bearer(token);
      const refusals = [
        await t.delete(`/api/documents/${doomed}`),
        await t.post(`/api/documents/${doomed}/members`, { email: "someone@example.com", role: "editor" }),
        await t.patch(`/api/documents/${doomed}/members/x`, { role: "viewer" }),
        await t.delete(`/api/documents/${doomed}/members/x`),
        await t.get("/api/tokens"),
        await t.post("/api/tokens", { name: "minted by a token" }),
        await t.delete("/api/tokens/anything"),
        await t.get("/api/admin/announcements"),
      ];
      for (const res of refusals) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe("Access tokens cannot do this. Sign in to Tandem in your browser to do it.");
      }
      // Announcing takes its own scope (an administrator's deploy token, test/events/scriptApi.test.ts).
      const announce = await t.post("/api/admin/announcements", { title: "Hi", body: "from a token" });
      expect(announce.status).toBe(403);
      expect(announce.body.error.message).toBe("This access token does not have the announcements:write scope. Create a token with it in Settings.");
    }
    expect((await owner.get(`/api/documents/${doomed}`)).status).toBe(200);
    expect((await owner.get("/api/tokens")).body.tokens).toHaveLength(3); // none minted
    expect((await owner.get("/api/admin/announcements")).status).toBe(200); // the session may
    expect((await owner.delete(`/api/documents/${doomed}`)).status).toBe(204);
  });
});

describe("over socket.io", () => {
  test("a read token reads comments but cannot write them; a write token can", async () => {
    const reader = await connected(openSocket(server.url, { transport: "websocket", token: tokens.read, origin: null }));
    const writer = await connected(openSocket(server.url, { transport: "websocket", token: tokens.write, origin: null }));
    try {
      expect(await ask(reader, "comments:list", { documentId: docId })).toMatchObject({ ok: true });
      const refused = await ask(reader, "comment:create", { documentId: docId, body: "from a read token" });
      expect(refused).toEqual({ ok: false, error: { code: "forbidden", message: "This access token does not have the documents:write scope." } });
      expect(await ask(writer, "comment:create", { documentId: docId, body: "from a write token" })).toMatchObject({ ok: true });
      expect(await server.services.db.comment.count({ where: { documentId: docId } })).toBe(1);
    } finally {
      reader.disconnect();
      writer.disconnect();
    }
  });
});

describe("over the collaboration socket", () => {
  /** Sends `text` as an update with `token`, then waits until the server has handled it. */
  async function write(token: string, text: string) {
    const raw = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${docId}?token=${token}`);
    await raw.opened;
    const doc = new Y.Doc();
    appendParagraph(doc, text);
    raw.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    const before = raw.messages.length;
    raw.ws.send(syncStep1Message(new Y.Doc())); // answered in order: the update was handled first
    await until(() =>
      raw.messages.slice(before).some((m) => {
        const d = decoding.createDecoder(m);
        return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 1;
      }),
    );
    raw.ws.close();
  }

  test("the owner's read token may open the document but its updates are dropped; a write token's are kept", async () => {
    const text = () => collabOf(server.services)!.readText(docId);
    await write(tokens.read, "written with a read token");
    expect(await text()).toBe("");
    await write(tokens.write, "written with a write token");
    await until(async () => (await text()) === "written with a write token");
  });
});
