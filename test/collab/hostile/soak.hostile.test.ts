// Many clients for a while: memory and descriptors stay flat. Each client edits and moves its cursor
// every few seconds over real sockets, spread over 20 documents. Short (npm test): 200 clients for
// 45 s. HARDENING_LONG=1: 1,000 clients for HARDENING_SOAK_MS (an hour by default).
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { afterAll, expect, test } from "vitest";
import { awarenessMessage, syncStep1Message, syncUpdateMessage } from "../../../server/collab/messages";
import { ApiClient } from "../../helpers/server";
import { openRaw, until, type RawSocket } from "../wsClients";
import { dropStorages, newStorage, openDescriptors, rssMiB, startChildServer, stopChild, type ChildServer } from "./childServer";

const LONG = process.env.HARDENING_LONG === "1";
const CLIENTS = LONG ? 1_000 : 200;
const DURATION_MS = LONG ? Number(process.env.HARDENING_SOAK_MS ?? 3_600_000) : 45_000;
const DOCUMENTS = 20;
let server: ChildServer | undefined;
const sockets: RawSocket[] = [];
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  if (server) await stopChild(server.child, "SIGKILL");
  await dropStorages();
});

type Client = { raw: RawSocket; doc: Y.Doc; awareness: awarenessProtocol.Awareness };

test(`${CLIENTS} clients editing for ${Math.round(DURATION_MS / 1000)} s: memory and descriptors stay flat`, { timeout: DURATION_MS + 300_000 }, async () => {
  server = await startChildServer(await newStorage());
  // One account per document: an account's connections share one frame budget (server/collab/frameBudget.ts),
  // and a thousand connections of one account sending every few seconds would be over it by design.
  const documents: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const api = new ApiClient(server.url);
    await api.signup(`Soak ${i}`);
    const id = (await api.post("/api/documents", { title: `Soak ${i}` })).body.id as string;
    documents.push({ id, token: (await api.post("/api/tokens", { name: "t" })).body.token.token as string });
  }
  const pid = server.child.pid!;
  const idle = { fds: openDescriptors(pid), rss: rssMiB(pid) };

  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const { id, token } = documents[i % DOCUMENTS];
    const raw = openRaw(`${server.collabUrl}/${id}?token=${token}`);
    sockets.push(raw);
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    clients.push({ raw, doc, awareness });
    await raw.opened;
    raw.ws.send(syncStep1Message(doc));
    raw.messages.length = 0;
    raw.ws.on("message", () => (raw.messages.length = 0)); // read and forget what arrives
  }
  const tick = (c: Client, n: number) => {
    if (c.raw.ws.readyState !== c.raw.ws.OPEN) return;
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    c.doc.on("update", onUpdate);
    c.doc.getText("soak").insert(0, `${n} `);
    c.doc.off("update", onUpdate);
    for (const u of updates) c.raw.ws.send(syncUpdateMessage(u));
    c.awareness.setLocalState({ user: { name: "soak" }, cursor: { anchor: n } });
    c.raw.ws.send(awarenessMessage(c.awareness, [c.doc.clientID]));
  };
  await new Promise((r) => setTimeout(r, 3_000));
  const start = { fds: openDescriptors(pid), rss: rssMiB(pid) };
  const samples: number[] = [];
  const began = Date.now();
  let n = 0;
  while (Date.now() - began < DURATION_MS) {
    // Every client acts once every ~3 s, spread evenly.
    const slice = Math.ceil(CLIENTS / 30);
    for (let k = 0; k < slice; k++) tick(clients[(n * slice + k) % CLIENTS], n);
    n++;
    await new Promise((r) => setTimeout(r, 100));
    if (n % 50 === 0) samples.push(rssMiB(pid));
  }
  const end = { fds: openDescriptors(pid), rss: rssMiB(pid) };
  const dropped = await Promise.all(clients.filter((c) => c.raw.ws.readyState !== c.raw.ws.OPEN).map((c) => c.raw.closed));
  expect(dropped, "connections the server closed").toEqual([]); // nobody was dropped
  expect(end.fds).toBeLessThanOrEqual(start.fds + 5);
  // Flat: the documents grow a little with the edits; nothing grows with time per client.
  expect(end.rss).toBeLessThan(start.rss * 1.3 + 30);
  for (const s of sockets.splice(0)) s.ws.close();
  await until(() => openDescriptors(pid) <= idle.fds + 5, 30_000, "descriptors back to idle");
  console.log(`soak: ${CLIENTS} clients × ${Math.round(DURATION_MS / 1000)} s`, {
    idle,
    start,
    end,
    afterDisconnect: { fds: openDescriptors(pid), rss: rssMiB(pid) },
    rssSamples: samples.map((x) => Math.round(x)),
  });
});
