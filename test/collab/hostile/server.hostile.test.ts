// Hostile collab frames against a real server process over real sockets. A member floods one document
// with every class of bad frame while honest members edit it and another document. After every batch:
// the server answers, only the attacker's connections were closed, the honest members' documents are
// as they wrote them, descriptors are back near their baseline. Finally the server restarts and both
// documents open with every honest edit. HARDENING_LONG=1: 100,000 frames instead of 2,000.
import * as Y from "yjs";
import { afterAll, expect, test } from "vitest";
import { documentText } from "../../../server/collab/documentText";
import { syncStep1Message } from "../../../server/collab/messages";
import { ApiClient } from "../../helpers/server";
import { appendParagraph } from "../fakes";
import { closeSession, openProvider, openRaw, synced, until, type RawSocket, type Session } from "../wsClients";
import { dropStorages, newStorage, openDescriptors, rssMiB, startChildServer, stopChild, type ChildServer } from "./childServer";
import { FRAME_CLASSES, hostileFrame, int, prng, validUpdates } from "./generators";

const LONG = process.env.HARDENING_LONG === "1";
const TOTAL = LONG ? 100_000 : 2_000;
const BATCH = 1_000;
const sessions: Session[] = [];
const servers: ChildServer[] = [];
afterAll(async () => {
  sessions.forEach(closeSession);
  for (const s of servers) await stopChild(s.child, "SIGKILL");
  await dropStorages();
});

async function tokenFor(api: ApiClient): Promise<string> {
  const res = await api.post("/api/tokens", { name: "hostile test" });
  return res.body.token.token as string;
}

/** Sends `frame` and a sync step 1; resolves when the server answered the probe or closed the socket. */
function sendAndProbe(raw: RawSocket, frame: Uint8Array, probe: Uint8Array): Promise<"answered" | "closed"> {
  return new Promise((resolve) => {
    const before = raw.messages.length;
    const onMessage = () => {
      if (raw.messages.length > before) done("answered");
    };
    const onClose = () => done("closed");
    const done = (how: "answered" | "closed") => {
      raw.ws.off("message", onMessage);
      raw.ws.off("close", onClose);
      resolve(how);
    };
    raw.ws.on("message", onMessage);
    raw.ws.once("close", onClose);
    raw.ws.send(frame);
    if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(probe);
  });
}

test(`${TOTAL.toLocaleString("en")} hostile collab frames over real sockets: no crash, no damaged document, only the attacker closed`, {
  timeout: LONG ? 3_600_000 : 300_000,
}, async () => {
  const dataDir = await newStorage();
  let server = await startChildServer(dataDir);
  servers.push(server);
  const owner = new ApiClient(server.url);
  const mallory = new ApiClient(server.url);
  await owner.signup("Olive");
  const malloryUser = await mallory.signup("Mallory");
  const shared = (await owner.post("/api/documents", { title: "Attacked" })).body.id as string;
  const other = (await owner.post("/api/documents", { title: "Elsewhere" })).body.id as string;
  expect((await owner.post(`/api/documents/${shared}/members`, { email: malloryUser.email, role: "editor" })).status).toBe(201);
  const ownerToken = await tokenFor(owner);
  const malloryToken = await tokenFor(mallory);

  const honestShared = openProvider(server.collabUrl, shared, ownerToken);
  const honestOther = openProvider(server.collabUrl, other, ownerToken);
  sessions.push(honestShared, honestOther);
  await Promise.all([synced(honestShared), synced(honestOther)]);
  appendParagraph(honestShared.doc, "Olive's paragraph in the attacked document.");
  for (let i = 0; i < 20; i++) appendParagraph(honestOther.doc, `Olive's line ${i}`);
  const otherText = documentText(honestOther.doc);

  const rnd = prng(Number(process.env.FUZZ_SEED ?? 7));
  const pool = validUpdates(Y.encodeStateAsUpdate(honestShared.doc), rnd);
  const probe = syncStep1Message(new Y.Doc());
  const pid = server.child.pid!;
  await new Promise((r) => setTimeout(r, 500));
  const baseline = { fds: openDescriptors(pid), rss: rssMiB(pid) };
  const closes = new Map<number, number>();
  let raw: RawSocket | undefined;
  for (let sent = 0; sent < TOTAL; ) {
    for (let i = 0; i < BATCH; i++, sent++) {
      if (!raw || raw.ws.readyState !== raw.ws.OPEN) {
        if (raw) {
          const { code } = await raw.closed;
          closes.set(code, (closes.get(code) ?? 0) + 1);
        }
        raw = openRaw(`${server.collabUrl}/${shared}?token=${malloryToken}`);
        await Promise.race([raw.opened, raw.closed]);
        if (raw.ws.readyState !== raw.ws.OPEN) continue;
      }
      const kind = FRAME_CLASSES[int(rnd, FRAME_CLASSES.length)];
      await sendAndProbe(raw, hostileFrame(kind, rnd, pool), probe);
    }
    // After each batch: the server is up, the honest member was never closed, its other document is intact.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(honestOther.closes).toEqual([]);
    expect(documentText(honestOther.doc)).toBe(otherText);
    appendParagraph(honestShared.doc, `Olive after ${sent} frames`);
  }
  raw?.ws.terminate();
  await until(() => openDescriptors(pid) <= baseline.fds + 10, 10_000, "descriptors back to their baseline");
  const end = { fds: openDescriptors(pid), rss: rssMiB(pid) };
  // Reloads of the attacked room (1012) are allowed: the honest provider reconnects and keeps its edits.
  expect(honestShared.closes.every((c) => c.code === 1012)).toBe(true);
  await until(() => honestShared.provider.synced, 10_000, "honest provider synced");
  const sharedText = documentText(honestShared.doc);

  // Restart: both documents open, with every honest edit.
  sessions.splice(0).forEach(closeSession);
  await stopChild(server.child);
  server = await startChildServer(dataDir);
  servers.push(server);
  const reopenedShared = openProvider(server.collabUrl, shared, ownerToken);
  const reopenedOther = openProvider(server.collabUrl, other, ownerToken);
  sessions.push(reopenedShared, reopenedOther);
  await Promise.all([synced(reopenedShared), synced(reopenedOther)]);
  expect(documentText(reopenedOther.doc)).toBe(otherText);
  expect(documentText(reopenedShared.doc)).toBe(sharedText);
  expect(sharedText).toContain(`Olive after ${TOTAL} frames`);
  console.log(`server fuzz: ${TOTAL} frames`, { closes: Object.fromEntries(closes), baseline, end });
});
