// A deleted document answers 4404 "deleted" to the people who were its members, as the README's close
// codes promise; anyone else gets the same 4403 as for a document that never existed, so an id cannot
// be probed for having existed.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { openRaw } from "../collab/wsClients";

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
  return { api, user };
}

const closeOf = async (api: ApiClient, documentId: string) => {
  const socket = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: api.cookie, origin: server.url });
  return (await socket.closed).code;
};

test("after deletion a former member is told 4404; a stranger, and anyone asking for an unknown id, 4403", async () => {
  const ana = await person("Ana");
  const bo = await person("Bo");
  const cy = await person("Cy");
  const documentId: string = (await ana.api.post("/api/documents", { title: "Soon gone" })).body.id;
  expect((await ana.api.post(`/api/documents/${documentId}/members`, { email: bo.user.email, role: "editor" })).status).toBe(201);
  expect((await ana.api.delete(`/api/documents/${documentId}`)).status).toBe(204);

  expect(await closeOf(bo.api, documentId)).toBe(CloseCode.DocumentDeleted);
  expect(await closeOf(ana.api, documentId)).toBe(CloseCode.DocumentDeleted);
  expect(await closeOf(cy.api, documentId)).toBe(CloseCode.Forbidden);
  expect(await closeOf(bo.api, crypto.randomUUID())).toBe(CloseCode.Forbidden);
});
