// The hosted mode, two instances on one PostgreSQL and one Redis: a rename on one instance reaches a
// page open on the other (doc:updated), and a removal on one instance deletes the notifications once
// and tells the bell on the other (one notification:removed, not one per instance).
import { expect, test } from "vitest";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect } from "../realtime/helpers";
import { twoInstances } from "./twoInstances";

const cluster = twoInstances("rn");

test("renames and notification removals cross instances, once", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two, people } = cluster;
  const ana = await signUpAndConnect(one, "Ana", "websocket");
  const ben = await signUpAndConnect(two, "Ben", "polling");
  people.push(ana, ben);
  const doc = await createDocument(ana.api, "Across");
  const shared = nextEvent(ben.socket, "notification:new", (n) => n.kind === "shared", 10_000);
  await share(ana.api, doc.id, ben.user.email, "editor");
  await shared;
  expect((await ask(ben.socket, "doc:join", { documentId: doc.id })).ok).toBe(true);

  const updated = nextEvent(ben.socket, "doc:updated", (p) => p.documentId === doc.id, 10_000);
  expect((await ana.api.patch(`/api/documents/${doc.id}`, { title: "Across, renamed" })).status).toBe(200);
  expect((await updated).title).toBe("Across, renamed");

  const removals = record(ben.socket, "notification:removed");
  const told = nextEvent(ben.socket, "notification:removed", () => true, 10_000);
  expect((await ana.api.delete(`/api/documents/${doc.id}/members/${ben.user.id}`)).status).toBe(204);
  expect(await told).toMatchObject({ unread: 0 });
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate from the other instance
  await roundTrip(ben.socket);
  expect(removals).toHaveLength(1);
  const inbox = await ask(ben.socket, "notifications:list", {});
  expect(inbox).toMatchObject({ ok: true, notifications: [], unread: 0 });
});
