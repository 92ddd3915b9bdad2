// Comments over socket.io: acks to the author, live fan-out to everyone with the document open,
// permissions by role, and @mention notifications.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect, TRANSPORTS, type Person } from "./helpers";

const ANCHOR_FROM = "AQdkZWZhdWx0AA=="; // real Yjs relative positions (encodeRelativePosition, base64)
const ANCHOR_TO = "AM+c8+cHBAA=";

let server: TestServer;
const people: Person[] = [];
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: "error" });
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await server?.stop();
});

async function person(name: string, transport: (typeof TRANSPORTS)[number], email?: string) {
  const p = await signUpAndConnect(server, name, transport, email);
  people.push(p);
  return p;
}

/** Ana owns a document shared with Bo (editor) and Cy (viewer); all three have it open. */
async function team(transport: (typeof TRANSPORTS)[number]) {
  const ana = await person("Ana", transport);
  const bo = await person("Bo Berg", transport, `bo.berg-${Math.random().toString(36).slice(2, 8)}@example.com`);
  const cy = await person("Cy", transport);
  const doc = await createDocument(ana.api, "Q3 plan");
  await share(ana.api, doc.id, bo.user.email, "editor");
  await share(ana.api, doc.id, cy.user.email, "viewer");
  for (const p of [ana, bo, cy]) {
    expect(await ask(p.socket, "doc:join", { documentId: doc.id })).toMatchObject({ ok: true });
  }
  return { ana, bo, cy, doc };
}

describe.each(TRANSPORTS)("comments over %s", (transport) => {
  test("create, reply, resolve, reopen and delete, each acked and seen live by the others", async () => {
    const { ana, bo, cy, doc } = await team(transport);

    const seenByBo = nextEvent(bo.socket, "comment:upsert", (p) => p.comment.body === "Is this number right?");
    const created = await ask(ana.socket, "comment:create", {
      documentId: doc.id,
      body: "  Is this number right?  ",
      anchorFrom: ANCHOR_FROM,
      anchorTo: ANCHOR_TO,
      quote: "revenue 4.2M",
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.comment).toMatchObject({
      documentId: doc.id,
      parentId: null,
      author: { id: ana.user.id, name: "Ana" },
      body: "Is this number right?",
      anchorFrom: ANCHOR_FROM,
      anchorTo: ANCHOR_TO,
      quote: "revenue 4.2M",
      resolved: false,
    });
    expect((await seenByBo).comment).toEqual(created.comment);

    // Bo replies; a reply to the reply still lands in the same thread.
    const reply = await ask(bo.socket, "comment:reply", { parentId: created.comment.id, body: "Checking." });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.comment).toMatchObject({ parentId: created.comment.id, author: { name: "Bo Berg" }, anchorFrom: null });
    const nested = await ask(ana.socket, "comment:reply", { parentId: reply.comment.id, body: "Thanks" });
    expect(nested).toMatchObject({ ok: true, comment: { parentId: created.comment.id } });

    // Resolve and reopen (root only), live for the viewer too.
    const resolvedLive = nextEvent(cy.socket, "comment:upsert", (p) => p.comment.id === created.comment.id && p.comment.resolved);
    expect(await ask(bo.socket, "comment:resolve", { commentId: created.comment.id, resolved: true })).toMatchObject({
      ok: true,
      comment: { resolved: true },
    });
    await resolvedLive;
    expect(await ask(bo.socket, "comment:resolve", { commentId: reply.comment.id, resolved: true })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await ask(ana.socket, "comment:resolve", { commentId: created.comment.id, resolved: false })).toMatchObject({
      ok: true,
      comment: { resolved: false },
    });

    const listed = await ask(cy.socket, "comments:list", { documentId: doc.id });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.comments.map((c) => c.body)).toEqual(["Is this number right?", "Checking.", "Thanks"]);

    // Bo may not delete Ana's comment; Ana (owner) may delete Bo's; deleting the root takes the thread.
    expect(await ask(bo.socket, "comment:delete", { commentId: created.comment.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(ana.socket, "comment:delete", { commentId: reply.comment.id })).toEqual({
      ok: true,
      commentIds: [reply.comment.id],
    });
    const removedLive = nextEvent(bo.socket, "comment:removed", (p) => p.commentIds.includes(created.comment.id));
    const deleted = await ask(ana.socket, "comment:delete", { commentId: created.comment.id });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(new Set(deleted.commentIds)).toEqual(new Set([created.comment.id, (nested as any).comment.id]));
    expect((await removedLive).documentId).toBe(doc.id);
    expect(await ask(cy.socket, "comments:list", { documentId: doc.id })).toEqual({ ok: true, comments: [] });
  });

  test("viewers read comments but cannot write them; authors can delete their own", async () => {
    const { bo, cy, doc } = await team(transport);
    const refused = await ask(cy.socket, "comment:create", { documentId: doc.id, body: "me too" });
    expect(refused).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Viewers can read comments but not add, answer or resolve them." },
    });
    const own = await ask(bo.socket, "comment:create", { documentId: doc.id, body: "draft" });
    if (!own.ok) throw new Error(own.error.message);
    expect(await ask(cy.socket, "comment:reply", { parentId: own.comment.id, body: "hm" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(cy.socket, "comment:delete", { commentId: own.comment.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(bo.socket, "comment:delete", { commentId: own.comment.id })).toMatchObject({ ok: true });
  });

  test("a comment on someone else's document is not found, whatever the id", async () => {
    const { ana, doc } = await team(transport);
    const stranger = await person("Dee", transport);
    const c = await ask(ana.socket, "comment:create", { documentId: doc.id, body: "internal" });
    if (!c.ok) throw new Error(c.error.message);
    for (const [event, payload] of [
      ["comment:create", { documentId: doc.id, body: "x" }],
      ["comment:reply", { parentId: c.comment.id, body: "x" }],
      ["comment:resolve", { commentId: c.comment.id, resolved: true }],
      ["comment:delete", { commentId: c.comment.id }],
      ["comments:list", { documentId: doc.id }],
    ] as const) {
      const ack = await (stranger.socket.timeout(5_000) as any).emitWithAck(event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
  });

  test("@mentions notify the mentioned members live; they can list and mark them read", async () => {
    const { ana, bo, cy, doc } = await team(transport);
    const outsider = await person("Bo", transport); // same first name, not a member: never notified
    const boNote = nextEvent(bo.socket, "notification:new", (n) => n.kind === "mention");
    const cyNote = nextEvent(cy.socket, "notification:new", (n) => n.kind === "mention");
    const outsiderNotes = record(outsider.socket, "notification:new");

    const boHandle = bo.user.email.split("@")[0];
    const ack = await ask(ana.socket, "comment:create", {
      documentId: doc.id,
      body: `@${boHandle} and @cy, please check. (Not @nobody, not ana@example.com.)`,
    });
    expect(ack.ok).toBe(true);
    const [forBo, forCy] = await Promise.all([boNote, cyNote]);
    expect(forBo).toMatchObject({ text: "Ana mentioned you in a comment on 'Q3 plan'.", link: `/documents/${doc.id}`, read: false });
    expect(forCy.kind).toBe("mention");

    // Full name without spaces and first name match too; the author is never notified of their own mention.
    const boSelf = record(bo.socket, "notification:new");
    const anaNote = nextEvent(ana.socket, "notification:new", (n) => n.kind === "mention");
    await ask(bo.socket, "comment:create", { documentId: doc.id, body: "note to self @BoBerg, cc @Ana" });
    expect((await anaNote).text).toBe("Bo Berg mentioned you in a comment on 'Q3 plan'.");
    await roundTrip(bo.socket);
    expect(boSelf).toEqual([]);

    const inbox = await ask(bo.socket, "notifications:list", {});
    if (!inbox.ok) throw new Error(inbox.error.message);
    expect(inbox.unread).toBe(2); // shared + mention
    expect(inbox.notifications.map((n) => n.kind)).toEqual(["mention", "shared"]);
    expect(await ask(bo.socket, "notifications:read", { ids: [forBo.id, forCy.id] })).toEqual({ ok: true, unread: 1 });
    expect(await ask(bo.socket, "notifications:read", { all: true })).toEqual({ ok: true, unread: 0 });
    await roundTrip(outsider.socket);
    expect(outsiderNotes).toEqual([]);
  });
});
