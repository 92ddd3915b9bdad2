// A guest's page list is live: the guest's socket (no account: the link is its credential) is handed the
// pages the link opens on connecting ("link:pages") and again whenever they change: a sub-page made,
// renamed, moved out, trashed or no longer inheriting; a page moved out of reach also has the guest's
// open collab session on it ended. Changes elsewhere in the owner's tree say nothing to the guest.
// Real server: SQLite, or PostgreSQL with TEST_POSTGRES_URL.
import { expect, test } from "vitest";
import { CloseVariants } from "../../lib/collab/closeCodes";
import { type LinkPages, ServerEventSchemas } from "../../lib/realtime/events";
import { until } from "../collab/wsClients";
import { connected } from "../realtime/helpers";
import { collabUrl, guestFor, guestSocket, joinCollab, newLink, owner, server, withLinkServer } from "./linkFixture";

withLinkServer();

async function newPage(title: string, parentId?: string): Promise<string> {
  const res = await owner.post("/api/documents", parentId ? { title, parentId } : { title });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const titles = (list: LinkPages | undefined) => list?.pages.map((p) => p.title) ?? [];

test("the guest's socket is handed the link's pages, again after each change that touches them", async () => {
  const root = await newPage("Handbook");
  const onboarding = await newPage("Onboarding", root);
  const salaries = await newPage("Salaries", root);
  const elsewhere = await newPage("Elsewhere");
  const { token } = await newLink(root, "viewer");
  const guest = await guestFor(token);
  const socket = guestSocket(guest.cookie, root);
  const lists: LinkPages[] = [];
  socket.on("link:pages", (payload) => lists.push(ServerEventSchemas["link:pages"].parse(payload)));
  await connected(socket);
  const latest = () => lists.at(-1);
  const expectList = async (expected: string[], what: string) => {
    await until(() => JSON.stringify(titles(latest())) === JSON.stringify(expected), 5_000, what);
  };
  await expectList(["Onboarding", "Salaries"], "the list on connecting");
  expect(latest()).toMatchObject({ documentId: root, title: "Handbook" });

  const policies = await newPage("Policies", root);
  await expectList(["Onboarding", "Salaries", "Policies"], "a new sub-page");
  expect((await owner.patch(`/api/documents/${policies}`, { title: "House rules" })).status).toBe(200);
  await expectList(["Onboarding", "Salaries", "House rules"], "a renamed sub-page");

  // The guest reads Onboarding; the owner moves it out of the link's reach: gone from the list, session ended.
  const reading = await joinCollab(`${collabUrl}/${onboarding}`, { cookie: guest.cookie, origin: server.url });
  expect((await owner.post(`/api/documents/${onboarding}/move`, { parentId: elsewhere })).status).toBe(200);
  await expectList(["Salaries", "House rules"], "a sub-page moved out");
  expect(await reading.closed).toEqual(CloseVariants.LinkEnded);

  expect((await owner.patch(`/api/documents/${salaries}/access`, { inheritAccess: false })).status).toBe(200);
  await expectList(["House rules"], "a sub-page that stopped inheriting");
  expect((await owner.delete(`/api/documents/${policies}`)).status).toBe(204);
  await expectList([], "a trashed sub-page");
  expect((await owner.post(`/api/documents/${onboarding}/move`, { parentId: root })).status).toBe(200);
  await expectList(["Onboarding"], "a page moved back in");
  expect((await owner.patch(`/api/documents/${root}`, { title: "Staff handbook" })).status).toBe(200);
  await until(() => latest()?.title === "Staff handbook", 5_000, "the link's page renamed");

  // Changes outside the link's pages tell the guest nothing (not even that something happened).
  const count = lists.length;
  const unrelated = await newPage("Private plans", elsewhere);
  expect((await owner.patch(`/api/documents/${unrelated}`, { title: "Secret plans" })).status).toBe(200);
  expect((await owner.delete(`/api/documents/${unrelated}`)).status).toBe(204);
  await new Promise((r) => setTimeout(r, 300));
  expect(lists.length).toBe(count);
  socket.disconnect();
});
