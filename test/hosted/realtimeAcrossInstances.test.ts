// The hosted mode's app events: two instances on one PostgreSQL and one Redis; socket.io clients on
// different instances see each other's comments, presence, shares (one notification, not one per
// instance) and access changes.
import { expect, test } from "vitest";
import { ask, closeCollab, createDocument, nextEvent, openCollab, record, roundTrip, share, signUpAndConnect } from "../realtime/helpers";
import { twoInstances } from "./twoInstances";

const cluster = twoInstances("rt");

test("comments, presence, shares and revocations cross instances", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two, people } = cluster;
  const ana = await signUpAndConnect(one, "Ana", "websocket");
  const ben = await signUpAndConnect(two, "Ben", "polling"); // the fallback transport, on the other instance
  people.push(ana, ben);
  const doc = await createDocument(ana.api, "Across");

  // Sharing on instance one: Ben's dashboard on instance two hears it, with exactly one notification.
  const notices = record(ben.socket, "notification:new");
  const upsert = nextEvent(ben.socket, "doc:upsert", (d) => d.id === doc.id, 10_000);
  await share(ana.api, doc.id, ben.user.email, "editor");
  expect((await upsert).role).toBe("editor");
  await new Promise((r) => setTimeout(r, 500));
  await roundTrip(ben.socket);
  expect(notices.filter((n) => n.kind === "shared")).toHaveLength(1);

  // Presence: Ana opens the document on instance one (its collab room is the source; socket.io's
  // doc:join is the comments' room); Ben's dashboard on instance two shows her.
  const anaPresent = nextEvent(ben.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.some((u) => u.id === ana.user.id), 10_000);
  const anaEditor = await openCollab(one, ana.api, doc.id);
  expect((await ask(ana.socket, "doc:join", { documentId: doc.id })).ok).toBe(true);
  await anaPresent;
  const bothPresent = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 2, 10_000);
  const benEditor = await openCollab(two, ben.api, doc.id);
  await bothPresent; // Ben, on instance two, reaches Ana's dashboard on instance one
  const joined = await ask(ben.socket, "doc:join", { documentId: doc.id });
  expect(joined.ok && joined.presence.map((u) => u.name).sort()).toEqual(["Ana", "Ben"]);

  // A comment made on instance two appears live on instance one.
  const arrives = nextEvent(ana.socket, "comment:upsert", (c) => c.comment.body === "Looks good", 10_000);
  expect((await ask(ben.socket, "comment:create", { documentId: doc.id, body: "Looks good" })).ok).toBe(true);
  expect((await arrives).comment.body).toBe("Looks good");

  // Ana closes her editor on instance one: Ben's dashboard on instance two drops her at once (not
  // after a report expires).
  const anaGone = nextEvent(ben.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.every((u) => u.id !== ana.user.id), 10_000);
  await closeCollab(anaEditor);
  expect((await anaGone).users.map((u) => u.name)).toEqual(["Ben"]);
  const anaBack = nextEvent(ben.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 2, 10_000);
  const anaAgain = await openCollab(one, ana.api, doc.id);
  await anaBack;

  // Revoking on instance one reaches Ben's sockets on instance two at once: his collab socket there
  // is ended, and Ana's dashboard on instance one no longer shows him.
  const revoked = nextEvent(ben.socket, "access:changed", (c) => c.documentId === doc.id && c.role === null, 10_000);
  const benGone = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1, 10_000);
  expect((await ana.api.delete(`/api/documents/${doc.id}/members/${ben.user.id}`)).status).toBe(204);
  expect((await revoked).reason).toBe("removed");
  expect((await benEditor.closed).code).toBe(4403);
  expect((await benGone).users.map((u) => u.name)).toEqual(["Ana"]);
  await closeCollab(anaAgain);
});
