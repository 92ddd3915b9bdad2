// Mentions in the document text (the editor's "@"): "mention:notify" tells the mentioned members the
// way a comment's @mention does, only writers may ask, only about members, and a repeated mention
// refreshes the one notice instead of piling up more.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect, type Person } from "./helpers";

let server: TestServer;
const people: Person[] = [];
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: "error" });
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await server?.stop();
});

async function person(name: string) {
  const p = await signUpAndConnect(server, name, "websocket");
  people.push(p);
  return p;
}

/** Ana owns "Q3 plan", shared with Bo (editor) and Cy (viewer); Dee is no member. */
async function team() {
  const [ana, bo, cy, dee] = [await person("Ana"), await person("Bo"), await person("Cy"), await person("Dee")];
  const doc = await createDocument(ana.api, "Q3 plan");
  await share(ana.api, doc.id, bo.user.email, "editor");
  await share(ana.api, doc.id, cy.user.email, "viewer");
  return { ana, bo, cy, dee, doc };
}

const mentions = async (p: Person) => {
  const res = await ask(p.socket, "notifications:list", {});
  if (!res.ok) throw new Error(res.error.message);
  return res.notifications.filter((n) => n.kind === "mention");
};

describe("mentions in the document text", () => {
  test("an editor's mention notifies the member live, and mentioning again refreshes the same notice", async () => {
    const { ana, bo, cy, doc } = await team();
    const live = nextEvent(cy.socket, "notification:new", (n) => n.kind === "mention");
    expect(await ask(bo.socket, "mention:notify", { documentId: doc.id, userIds: [cy.user.id, ana.user.id] })).toEqual({ ok: true, notified: 2 });
    const note = await live;
    expect(note).toMatchObject({ kind: "mention", text: "Bo mentioned you in 'Q3 plan'.", link: `/documents/${doc.id}`, read: false });
    expect(await mentions(ana)).toHaveLength(1);

    // Cy reads it; Bo mentions Cy again: still one notice, unread again.
    expect(await ask(cy.socket, "notifications:read", { ids: [note.id] })).toEqual({ ok: true, unread: expect.any(Number) });
    const again = nextEvent(cy.socket, "notification:new", (n) => n.kind === "mention");
    expect(await ask(bo.socket, "mention:notify", { documentId: doc.id, userIds: [cy.user.id] })).toEqual({ ok: true, notified: 1 });
    expect((await again).id).toBe(note.id);
    const list = await mentions(cy);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: note.id, read: false });

    // A mention by someone else is a notice of its own.
    expect(await ask(ana.socket, "mention:notify", { documentId: doc.id, userIds: [cy.user.id] })).toEqual({ ok: true, notified: 1 });
    expect((await mentions(cy)).map((n) => n.text).sort()).toEqual(["Ana mentioned you in 'Q3 plan'.", "Bo mentioned you in 'Q3 plan'."]);
  });

  test("mentioning yourself tells no one", async () => {
    const { bo, doc } = await team();
    const seen = record(bo.socket, "notification:new");
    expect(await ask(bo.socket, "mention:notify", { documentId: doc.id, userIds: [bo.user.id] })).toEqual({ ok: true, notified: 0 });
    await roundTrip(bo.socket);
    expect(seen).toHaveLength(0);
    expect(await mentions(bo)).toHaveLength(0);
  });

  test("refused, with nothing written: a viewer, a non-member, a non-member target, bad input", async () => {
    const { ana, cy, dee, doc } = await team();
    expect(await ask(cy.socket, "mention:notify", { documentId: doc.id, userIds: [ana.user.id] })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(dee.socket, "mention:notify", { documentId: doc.id, userIds: [ana.user.id] })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    // The owner may not reach someone outside the document through it.
    const stranger = await ask(ana.socket, "mention:notify", { documentId: doc.id, userIds: [cy.user.id, dee.user.id] });
    expect(stranger).toMatchObject({ ok: false, error: { code: "invalid_input", message: expect.stringContaining("only members") } });
    for (const payload of [
      { documentId: doc.id, userIds: [] },
      { documentId: doc.id, userIds: ["not an id!"] },
      { documentId: doc.id, userIds: Array.from({ length: 21 }, () => cy.user.id) },
      { documentId: doc.id },
    ]) {
      const res = await ask(ana.socket, "mention:notify", payload as never);
      expect(res).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      if (!res.ok) expect(res.error.message).not.toMatch(/at |\n/);
    }
    expect(await mentions(ana)).toHaveLength(0);
    expect(await mentions(cy)).toHaveLength(0);
    expect(await mentions(dee)).toHaveLength(0);
  });
});
