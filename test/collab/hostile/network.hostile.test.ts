// Faults between the parts: a flaky network between editors and the server (chunks split to a few
// bytes, delayed, connections reset at random), and the database unreachable for a while under
// editing. Both must end with every edit in the document and every client agreeing.
import { afterAll, expect, test } from "vitest";
import { documentText } from "../../../server/collab/documentText";
import { ApiClient, startTestServer, type TestServer } from "../../helpers/server";
import { appendParagraph } from "../fakes";
import { closeSession, openProvider, synced, until, type Session } from "../wsClients";
import { TcpProxy } from "./tcpProxy";
import { prng } from "./generators";
import { collabOf } from "../../../server/collab/collabChannel";

const sessions: Session[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  sessions.forEach(closeSession);
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const lines = (s: Session) => documentText(s.doc).split("\n").filter(Boolean).sort();

async function signedUp(server: TestServer) {
  const api = new ApiClient(server.url);
  await api.signup("Editor");
  const id = (await api.post("/api/documents", { title: "Faults" })).body.id as string;
  const token = (await api.post("/api/tokens", { name: "t" })).body.token.token as string;
  return { api, id, token };
}

test("two editors behind a flaky network (split, delayed, reset) converge with the server", { timeout: 180_000 }, async () => {
  const server = await startTestServer();
  cleanups.push(() => server.stop());
  const { id, token } = await signedUp(server);
  const proxy = new TcpProxy(Number(new URL(server.url).port), { splitMax: 7, maxDelayMs: 15, resetChance: 0.002 }, prng(8));
  const port = await proxy.listen();
  cleanups.push(() => proxy.close());
  const viaProxy = `ws://127.0.0.1:${port}/collab`;
  const a = openProvider(viaProxy, id, token);
  const b = openProvider(viaProxy, id, token);
  sessions.push(a, b);
  await Promise.all([synced(a), synced(b)]);
  for (let i = 0; i < 150; i++) {
    appendParagraph(i % 2 === 0 ? a.doc : b.doc, `${i % 2 === 0 ? "a" : "b"} ${i}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  proxy.faults = { splitMax: 7, maxDelayMs: 5 }; // the network calms down: no more resets
  await until(() => lines(a).length === 150 && lines(b).length === 150, 60_000, "both editors have all 150 edits");
  const direct = openProvider(server.url.replace(/^http/, "ws") + "/collab", id, token);
  sessions.push(direct);
  await synced(direct);
  await until(() => lines(direct).length === 150, 20_000, "the server has all 150 edits");
  expect(lines(a)).toEqual(lines(direct));
  expect(lines(b)).toEqual(lines(direct));
  console.log(`flaky network: 150 edits, ${proxy.resets} connection resets, converged`);
});

test("PostgreSQL unreachable for a while under editing: /readyz says so, and every edit is stored once it is back", { timeout: 180_000 }, async () => {
  const base = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
  const { freshPostgresDatabase } = await import("../../helpers/server");
  const database = await freshPostgresDatabase();
  if (!database) return console.log("PostgreSQL not reachable: skipped");
  cleanups.push(() => database.drop());
  const pgPort = Number(new URL(base).port || 5432);
  const proxy = new TcpProxy(pgPort);
  const port = await proxy.listen();
  cleanups.push(() => proxy.close());
  const url = new URL(database.url);
  url.port = String(port);
  const server = await startTestServer({ DATABASE_URL: url.toString() });
  cleanups.push(() => server.stop());
  const { id, token } = await signedUp(server);
  const collabUrl = server.url.replace(/^http/, "ws") + "/collab";
  const writer = openProvider(collabUrl, id, token);
  sessions.push(writer);
  await synced(writer);
  for (let i = 0; i < 50; i++) appendParagraph(writer.doc, `before ${i}`);
  proxy.setDown(true);
  for (let i = 0; i < 50; i++) {
    appendParagraph(writer.doc, `during ${i}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  proxy.setDown(false);
  for (let i = 0; i < 50; i++) appendParagraph(writer.doc, `after ${i}`);
  await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 30_000, "/readyz ready again");
  // The writer leaves; the room unloads and compacts its whole state (the rows that failed included).
  closeSession(writer);
  sessions.splice(sessions.indexOf(writer), 1);
  const collab = collabOf(server.services)!;
  await until(() => !collab.manager.isOpen(id), 30_000, "room unloaded");
  const snapshotBytes = async () => (await server.services.db.document.findUnique({ where: { id }, select: { snapshot: true } }))?.snapshot?.byteLength ?? 0;
  await until(async () => (await snapshotBytes()) > 0, 30_000, "the unload compaction committed");
  const reader = openProvider(collabUrl, id, token);
  sessions.push(reader);
  await synced(reader);
  expect(lines(reader)).toHaveLength(150);
  console.log("database outage: 150 edits, all stored;", { writeErrors: collab.store.stats.writeErrors });
});
