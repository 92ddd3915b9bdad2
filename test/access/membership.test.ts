// Membership changes reach open collab sockets through the access authority: a removed member is
// closed with 4403, a changed role closes with 4300 (reconnect with the new role), including when the
// change races the connection being opened.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import * as Y from "yjs";
import { openRaw, until } from "../collab/wsClients";
import { appendParagraph } from "../collab/fakes";
import { syncUpdateMessage } from "../../server/collab/messages";
import { collabOf } from "../../server/collab/collabChannel";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function person(name: string) {
  const api = new ApiClient(server.url, { origin: server.url });
  return { api, user: await api.signup(name) };
}

const open = (api: ApiClient, documentId: string) =>
  openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: api.cookie, origin: server.url });

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

test("removal and role changes racing the connection: no removed member keeps a socket, every role change is felt", async () => {
  const ana = await person("Ana");
  const bo = await person("Bo");
  const documentId: string = (await ana.api.post("/api/documents", { title: "Races" })).body.id;
  const member = `/api/documents/${documentId}/members`;
  const TRIALS = 15;
  for (let i = 0; i < TRIALS; i++) {
    expect((await ana.api.post(member, { email: bo.user.email, role: "editor" })).status).toBe(201);
    const socket = open(bo.api, documentId);
    // Removal sent while the socket is being authorized (or just after): whichever wins, it must close.
    await new Promise((r) => setTimeout(r, i % 5));
    expect((await ana.api.delete(`${member}/${bo.user.id}`)).status).toBe(204);
    const closed = await within(socket.closed, 5_000);
    expect(closed?.code, `trial ${i}`).toBe(CloseCode.Forbidden);
  }
  let reconnected = 0;
  for (let i = 0; i < TRIALS; i++) {
    expect((await ana.api.post(member, { email: bo.user.email, role: "viewer" })).status).toBe(201);
    const socket = open(bo.api, documentId);
    await new Promise((r) => setTimeout(r, i % 5));
    expect((await ana.api.patch(`${member}/${bo.user.id}`, { role: "editor" })).status).toBe(200);
    const closed = await within(socket.closed, 1_500);
    if (closed) {
      expect(closed.code, `trial ${i}`).toBe(CloseCode.AccessChanged);
      reconnected++;
    } else {
      // Authorized after the change: it must already write as an editor.
      await until(() => socket.messages.length > 0, 5_000, "the room to be ready");
      const doc = new Y.Doc();
      doc.on("update", (update: Uint8Array) => socket.ws.send(syncUpdateMessage(update)));
      appendParagraph(doc, `written-in-trial-${i}`);
      await until(async () => ((await collabOf(server.services)!.readText(documentId)) ?? "").includes(`written-in-trial-${i}`), 5_000, `trial ${i}'s edit`);
      socket.ws.close();
      doc.destroy();
    }
    expect((await ana.api.delete(`${member}/${bo.user.id}`)).status).toBe(204);
    await within(socket.closed, 5_000);
  }
  expect(reconnected).toBeGreaterThan(0); // some changes did reach a socket that was already open
});
