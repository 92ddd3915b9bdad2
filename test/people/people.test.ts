// The administrators' People page through the real API (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// listing and searching accounts, making and unmaking administrators (never the last one),
// deactivating (no sign-in, no session, no token, the open collab socket closed with its own reason)
// and reactivating. The access table (test/access/accessChanges.table.test.ts) checks every channel.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseVariants } from "../../lib/collab/closeCodes";
import { PeopleListResponse, PersonResponse } from "../../lib/contracts/people";
import { openRaw } from "../collab/wsClients";

let server: TestServer;
let admin: ApiClient;
let adminUser: { id: string; email: string };
beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url, { origin: server.url });
  adminUser = await admin.signup("Root Admin"); // the first account is the administrator
});
afterAll(async () => {
  await server?.stop();
});

const client = () => new ApiClient(server.url, { origin: server.url });

test("an administrator lists everyone with documents owned and last activity; search and filters narrow it", async () => {
  const ann = client();
  const annUser = await ann.signup("Annika Search");
  await ann.post("/api/documents", { title: "One" });
  await ann.post("/api/documents", { title: "Two" });
  const res = await admin.get("/api/admin/people");
  expect(res.status).toBe(200);
  const people = PeopleListResponse.parse(res.body).people;
  const row = people.find((p) => p.id === annUser.id);
  expect(row).toMatchObject({ name: "Annika Search", email: annUser.email, isAdmin: false, deactivatedAt: null, documentsOwned: 2 });
  expect(row?.lastActiveAt).not.toBeNull();
  expect(people.find((p) => p.id === adminUser.id)?.isAdmin).toBe(true);

  const byName = PeopleListResponse.parse((await admin.get("/api/admin/people?q=annika")).body).people;
  expect(byName.map((p) => p.id)).toEqual([annUser.id]);
  const byEmail = PeopleListResponse.parse((await admin.get(`/api/admin/people?q=${encodeURIComponent(annUser.email.slice(0, 12))}`)).body).people;
  expect(byEmail.map((p) => p.id)).toContain(annUser.id);
  const admins = PeopleListResponse.parse((await admin.get("/api/admin/people?filter=admins")).body).people;
  expect(admins.every((p) => p.isAdmin)).toBe(true);
  expect(admins.map((p) => p.id)).toContain(adminUser.id);
});

test("only administrators, with a session, may see or change people", async () => {
  const bo = client();
  const boUser = await bo.signup("Bo Plain");
  expect((await bo.get("/api/admin/people")).status).toBe(403);
  expect((await bo.patch(`/api/admin/people/${adminUser.id}`, { isAdmin: false })).status).toBe(403);
  expect((await client().get("/api/admin/people")).status).toBe(401);
  // An administrator's access token does not administer.
  const token = (await admin.post("/api/tokens", { name: "script", scopes: ["documents:read"] })).body.token.token;
  expect((await fetch(`${server.url}/api/admin/people`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  const unchanged = await server.services.db.user.findUniqueOrThrow({ where: { id: boUser.id } });
  expect(unchanged.isAdmin).toBe(false);
});

test("bad input is refused with a clear message and changes nothing", async () => {
  const cy = client();
  const cyUser = await cy.signup("Cy Input");
  for (const body of [{}, { isAdmin: "yes" }, { deactivated: 1 }, { isAdmin: true, extra: 1 }]) {
    const res = await admin.patch(`/api/admin/people/${cyUser.id}`, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.error.message).toBeTypeOf("string");
  }
  expect((await admin.get("/api/admin/people?filter=everyone")).status).toBe(400);
  expect((await admin.patch("/api/admin/people/no-such-id", { isAdmin: true })).status).toBe(404);
  const row = await server.services.db.user.findUniqueOrThrow({ where: { id: cyUser.id } });
  expect({ isAdmin: row.isAdmin, deactivatedAt: row.deactivatedAt }).toEqual({ isAdmin: false, deactivatedAt: null });
});

test("make and unmake administrator; the last active administrator cannot be removed or deactivated", async () => {
  const dee = client();
  const deeUser = await dee.signup("Dee Second");
  const made = await admin.patch(`/api/admin/people/${deeUser.id}`, { isAdmin: true });
  expect(made.status).toBe(200);
  expect(PersonResponse.parse(made.body).person.isAdmin).toBe(true);
  expect((await dee.get("/api/admin/people")).status).toBe(200); // at once, same session

  // Dee removes the first administrator's rights, then cannot remove her own: she is the last one.
  expect((await dee.patch(`/api/admin/people/${adminUser.id}`, { isAdmin: false })).status).toBe(200);
  const last = await dee.patch(`/api/admin/people/${deeUser.id}`, { isAdmin: false });
  expect(last.status).toBe(409);
  expect(last.body.error.message).toMatch(/only active administrator/);
  const self = await dee.patch(`/api/admin/people/${deeUser.id}`, { deactivated: true });
  expect(self.status).toBe(409);
  expect((await server.services.db.user.findUniqueOrThrow({ where: { id: deeUser.id } })).isAdmin).toBe(true);

  // Back as it was: the first administrator again, Dee not.
  expect((await dee.patch(`/api/admin/people/${adminUser.id}`, { isAdmin: true })).status).toBe(200);
  expect((await admin.patch(`/api/admin/people/${deeUser.id}`, { isAdmin: false })).status).toBe(200);
});

test("deactivating refuses sign-in, session and token at once, closes the open editor; its documents stay; reactivating restores sign-in", async () => {
  const eve = client();
  const eveUser = await eve.signup("Eve Leaving");
  const doc = (await eve.post("/api/documents", { title: "Eve's plan" })).body;
  const fay = client();
  const fayUser = await fay.signup("Fay Member");
  expect((await eve.post(`/api/documents/${doc.id}/members`, { email: fayUser.email, role: "editor" })).status).toBe(201);
  const token = (await eve.post("/api/tokens", { name: "bot", scopes: ["documents:read"] })).body.token.token;
  const collab = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${doc.id}`, { cookie: eve.cookie, origin: server.url });
  await collab.opened;

  const res = await admin.patch(`/api/admin/people/${eveUser.id}`, { deactivated: true });
  expect(res.status).toBe(200);
  expect(PersonResponse.parse(res.body).person.deactivatedAt).not.toBeNull();

  expect(await collab.closed).toEqual(CloseVariants.AccountDeactivated);
  expect((await eve.get("/api/me")).status).toBe(401);
  expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  const login = await client().post("/api/auth/login", { email: eveUser.email, password: eveUser.password });
  expect(login.status).toBe(403);
  expect(login.body.error.message).toMatch(/deactivated.*administrator/);
  // A wrong password is told nothing about the account's standing.
  expect((await client().post("/api/auth/login", { email: eveUser.email, password: "not the password" })).status).toBe(401);
  expect(await server.services.db.session.count({ where: { userId: eveUser.id } })).toBe(0);

  // Fay keeps the document, still shown as Eve's.
  const list = (await fay.get("/api/documents")).body.documents;
  expect(list.find((d: { id: string }) => d.id === doc.id)).toMatchObject({ ownerName: "Eve Leaving", role: "editor" });
  expect((await fay.get(`/api/documents/${doc.id}`)).status).toBe(200);

  const back = await admin.patch(`/api/admin/people/${eveUser.id}`, { deactivated: false });
  expect(PersonResponse.parse(back.body).person.deactivatedAt).toBeNull();
  const again = client();
  expect((await again.post("/api/auth/login", { email: eveUser.email, password: eveUser.password })).status).toBe(200);
  expect((await again.get(`/api/documents/${doc.id}`)).status).toBe(200);
  // A new connection right after reactivating stays open (the authority forgot the deactivation).
  const reopened = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${doc.id}`, { cookie: again.cookie, origin: server.url });
  await reopened.opened;
  const early = await Promise.race([reopened.closed, new Promise((r) => setTimeout(() => r("open"), 300))]);
  expect(early).toBe("open");
  reopened.ws.close();
});

test("two administrators removing each other's rights at the same moment still leave one", async () => {
  const eve = client();
  const eveUser = await eve.signup("Eve Racer");
  // Only Eve and the first administrator are administrators during the race.
  const admins = await server.services.db.user.count({ where: { isAdmin: true, deactivatedAt: null } });
  expect(admins).toBe(1);
  for (let trial = 0; trial < 8; trial++) {
    expect((await admin.patch(`/api/admin/people/${eveUser.id}`, { isAdmin: true })).status).toBe(200);
    const [a, b] = await Promise.all([
      admin.patch(`/api/admin/people/${eveUser.id}`, { isAdmin: false }),
      eve.patch(`/api/admin/people/${adminUser.id}`, { isAdmin: false }),
    ]);
    const left = await server.services.db.user.count({ where: { isAdmin: true, deactivatedAt: null } });
    expect(left, `trial ${trial}: statuses ${a.status} ${b.status}`).toBeGreaterThanOrEqual(1);
    // One goes through; the other is refused: 409 (would leave none), or 403 when it was checked
    // after the first had already taken its author's rights away.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0], `trial ${trial}`).toBe(200);
    expect([403, 409], `trial ${trial}: ${JSON.stringify([a.body, b.body])}`).toContain(statuses[1]);
    // Back to one administrator, the first.
    if (b.status === 200) expect((await eve.patch(`/api/admin/people/${adminUser.id}`, { isAdmin: true })).status).toBe(200);
    if ((await server.services.db.user.findUniqueOrThrow({ where: { id: eveUser.id } })).isAdmin) {
      expect((await admin.patch(`/api/admin/people/${eveUser.id}`, { isAdmin: false })).status).toBe(200);
    }
  }
});
