// A reconnect storm of different accounts: every socket asks who its credential belongs to and what
// role that account has, all in the same few milliseconds. Asked in one turn, the answers come from
// one raw statement per kind (server/db/stormReads.ts) and must still be each caller's own: the right
// account per token or session, the right role per pair, none for a non-member or a trashed document,
// and every credential's "last used" recorded (one UPDATE for all of them).
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { until } from "../collab/wsClients";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function person(name: string) {
  const api = new ApiClient(server.url, { origin: server.url });
  const user = await api.signup(name);
  const token: string = (await api.post("/api/tokens", { name: "storm" })).body.token.token;
  return { api, user, token };
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as IncomingMessage;
const cookie = (api: ApiClient) => ({ headers: { cookie: api.cookie } }) as unknown as IncomingMessage;

test("credentials and roles of many accounts asked in one turn: one statement per kind, each caller its own answer", async () => {
  const owner = await person("Storm Owner");
  const people = await Promise.all(["Ana", "Ben", "Cy", "Di", "Ed", "Flo"].map(person));
  const [ana, ben, cy, di, ed, flo] = people;
  const doc = async (title: string) => (await owner.api.post("/api/documents", { title })).body.id as string;
  const [first, second, trashed] = [await doc("First"), await doc("Second"), await doc("Trashed")];
  const share = async (documentId: string, who: { user: { email: string } }, role: string) =>
    expect((await owner.api.post(`/api/documents/${documentId}/members`, { email: who.user.email, role })).status).toBe(201);
  await share(first, ana, "editor");
  await share(first, ben, "viewer");
  await share(second, cy, "editor");
  await share(second, ana, "viewer");
  await share(trashed, di, "editor");
  expect((await owner.api.delete(`/api/documents/${trashed}`)).status).toBe(204);
  // Ed and Flo are members of nothing; Flo's token is revoked before the storm.
  const floTokens = (await flo.api.get("/api/tokens")).body.tokens as Array<{ id: string }>;
  expect((await flo.api.delete(`/api/tokens/${floTokens[0]!.id}`)).status).toBe(204);

  const { auth, documents, db } = server.services;
  const raw = vi.spyOn(db, "$queryRaw");
  try {
    const callers = await Promise.all([
      ...people.map((p) => auth.authenticate(bearer(p.token))),
      auth.authenticate(cookie(cy.api)),
      auth.authenticate(bearer("tdm_not-a-token")),
    ]);
    expect(callers.map((c) => c?.user.name ?? null)).toEqual(["Ana", "Ben", "Cy", "Di", "Ed", null, "Cy", null]);
    expect(callers.slice(0, 5).every((c) => c?.via === "token")).toBe(true);
    expect(callers[6]?.via).toBe("cookie");
    const pairs: Array<[{ user: { id: string } }, string]> = [
      [ana, first],
      [ben, first],
      [cy, first],
      [ana, second],
      [cy, second],
      [di, trashed],
      [ed, first],
      [owner, first],
    ];
    const roles = await Promise.all(pairs.map(([who, documentId]) => documents.roleOf(who.user.id, documentId)));
    expect(roles).toEqual(["editor", "viewer", null, "viewer", "editor", null, null, "owner"]);
    // One statement for the tokens, one for the session, one for all eight roles.
    expect(raw).toHaveBeenCalledTimes(3);
  } finally {
    raw.mockRestore();
  }
  // Every token used was touched (tokens are made with no "last used"), in one write.
  const usedIds = people.slice(0, 5).map((p) => p.user.id);
  await until(async () => (await db.accessToken.count({ where: { userId: { in: usedIds }, lastUsedAt: { not: null } } })) === 5, 5000, "last use recorded");
});
