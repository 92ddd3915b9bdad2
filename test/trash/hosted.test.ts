// The trash in the hosted mode: two instances on one PostgreSQL and one Redis. A document trashed
// through instance one closes its editors on instance two (4404) and leaves dashboards there;
// restored through instance two, it comes back to dashboards on both and opens again.
import { expect, test } from "vitest";
import { ApiClient } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { closeCollab, createDocument, nextEvent, openCollab, share, signUpAndConnect } from "../realtime/helpers";
import { twoInstances } from "../hosted/twoInstances";

const cluster = twoInstances("trash");

test("trashed on one instance, gone on the other; restored on the other, back on the first", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two, people } = cluster;
  const ana = await signUpAndConnect(one, "Ana", "websocket");
  const ben = await signUpAndConnect(two, "Ben", "websocket");
  people.push(ana, ben);
  const doc = await createDocument(ana.api, "Across the trash");
  await share(ana.api, doc.id, ben.user.email, "editor");

  const benEditor = await openCollab(two, ben.api, doc.id);
  const removed = nextEvent(ben.socket, "doc:removed", (r) => r.documentId === doc.id, 10_000);
  expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
  expect((await benEditor.closed).code).toBe(CloseCode.DocumentDeleted);
  expect((await removed).reason).toBe("deleted");

  // Ana signs in on instance two as well and restores through it.
  const onTwo = new ApiClient(two.url, { origin: two.url });
  expect((await onTwo.post("/api/auth/login", { email: ana.user.email, password: "correct horse battery" })).status).toBe(200);
  const back = nextEvent(ben.socket, "doc:upsert", (d) => d.id === doc.id, 10_000);
  const backForAna = nextEvent(ana.socket, "doc:upsert", (d) => d.id === doc.id, 10_000);
  expect((await onTwo.post(`/api/trash/${doc.id}/restore`)).status).toBe(200);
  expect((await back).role).toBe("editor");
  expect((await backForAna).role).toBe("owner"); // Ana's dashboard is on instance one
  const again = await openCollab(two, ben.api, doc.id); // rejects if the socket is closed before it syncs
  await closeCollab(again);
});
