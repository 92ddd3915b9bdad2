// The hosted mode, two instances on one PostgreSQL and one Redis: a page moved on instance A under a
// page Bo cannot open takes Bo's access away on instance B at once — his collab session there closes
// (4403), his socket.io connection there leaves the page's room (doc:removed, nothing more from it),
// and B's pages.changed listeners (on its bus, and Bo's tree over socket.io) hear of the move.
import { expect, test } from "vitest";
import { CloseCode } from "../../lib/collab/closeCodes";
import type { BusEvent } from "../../server/bus/events";
import { ask, nextEvent, openCollab, record, roundTrip, share, signUpAndConnect } from "../realtime/helpers";
import { move, page } from "../pages/helpers";
import { twoInstances } from "./twoInstances";

const cluster = twoInstances("mv");

test("a move on one instance closes the other instance's session and room of whoever lost the page", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two, people } = cluster;
  const ana = await signUpAndConnect(one, "Ana", "websocket");
  const bo = await signUpAndConnect(two, "Bo", "websocket");
  people.push(ana, bo);
  const team = await page(ana.api, "Team");
  const privateSpace = await page(ana.api, "Private");
  await share(ana.api, team.id, bo.user.email, "editor");
  const notes = await page(ana.api, "Notes", team.id); // Bo edits it through Team

  const editor = await openCollab(two, bo.api, notes.id);
  expect((await ask(bo.socket, "doc:join", { documentId: notes.id })).ok).toBe(true);
  const heardOnTwo: Array<Extract<BusEvent, { type: "pages.changed" }>> = [];
  const stop = two.services.bus.subscribe((e) => {
    if (e.type === "pages.changed") heardOnTwo.push(e);
  });
  const removed = nextEvent(bo.socket, "doc:removed", (r) => r.documentId === notes.id, 10_000);
  const treeChanged = nextEvent(bo.socket, "pages:changed", (c) => c.pageIds.includes(notes.id), 10_000);
  const updates = record(bo.socket, "doc:updated");

  const movedAt = Date.now();
  expect((await move(ana.api, notes.id, privateSpace.id)).status).toBe(200);
  const closed = await editor.closed;
  const closedAfterMs = Date.now() - movedAt;
  expect(closed.code).toBe(CloseCode.Forbidden);
  expect(closedAfterMs).toBeLessThan(3_000);
  expect((await removed).reason).toBe("removed");
  await treeChanged;
  expect(heardOnTwo.some((e) => e.pageIds.includes(notes.id) && e.userIds.includes(bo.user.id))).toBe(true);
  stop();

  // Out of the room on instance two: a rename on instance one no longer reaches Bo, and the page is gone for him.
  expect((await ana.api.patch(`/api/documents/${notes.id}`, { title: "Notes, renamed" })).status).toBe(200);
  await new Promise((r) => setTimeout(r, 500));
  await roundTrip(bo.socket);
  expect(updates.filter((u) => u.documentId === notes.id)).toHaveLength(0);
  expect((await ask(bo.socket, "comments:list", { documentId: notes.id })).ok).toBe(false);
  expect((await bo.api.get(`/api/documents/${notes.id}`)).status).toBe(404);
  console.log(`collab session on the other instance closed ${closedAfterMs} ms after the move answered`);
});
