// A member flooding the collab socket with valid updates is slowed to its budget (the server stops
// reading its socket), and another member's edits on another document keep their latency. The
// latencies are printed, not asserted (wall-clock); the flooder's accepted rate is asserted.
import * as Y from "yjs";
import { afterAll, expect, test } from "vitest";
import { documentText } from "../../../server/collab/documentText";
import { syncUpdateMessage } from "../../../server/collab/messages";
import { PEER_FRAME_BURST, PEER_FRAMES_PER_SECOND } from "../../../server/collab/limits";
import { ApiClient } from "../../helpers/server";
import { appendParagraph } from "../fakes";
import { closeSession, openProvider, openRaw, synced, until, type Session } from "../wsClients";
import { dropStorages, newStorage, startChildServer, stopChild, type ChildServer } from "./childServer";

const sessions: Session[] = [];
let server: ChildServer | undefined;
afterAll(async () => {
  sessions.forEach(closeSession);
  if (server) await stopChild(server.child, "SIGKILL");
  await dropStorages();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from an edit by `writer` until `reader` has it, `samples` times. */
async function editLatencies(writer: Session, reader: Session, samples: number, tag: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const marker = `${tag} ${i}`;
    const start = performance.now();
    appendParagraph(writer.doc, marker);
    await until(() => documentText(reader.doc).endsWith(marker), 20_000, "edit arrived");
    out.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

test("a flooding editor is slowed to its budget; another member's edits elsewhere keep flowing", { timeout: 180_000 }, async () => {
  server = await startChildServer(await newStorage());
  const owner = new ApiClient(server.url);
  const mallory = new ApiClient(server.url);
  await owner.signup("Olive");
  const malloryUser = await mallory.signup("Mallory");
  const flooded = (await owner.post("/api/documents", { title: "Flooded" })).body.id as string;
  const quiet = (await owner.post("/api/documents", { title: "Quiet" })).body.id as string;
  await owner.post(`/api/documents/${flooded}/members`, { email: malloryUser.email, role: "editor" });
  const ownerToken = (await owner.post("/api/tokens", { name: "t" })).body.token.token as string;
  const malloryToken = (await mallory.post("/api/tokens", { name: "t" })).body.token.token as string;

  const writer = openProvider(server.collabUrl, quiet, ownerToken);
  const reader = openProvider(server.collabUrl, quiet, ownerToken);
  const watcher = openProvider(server.collabUrl, flooded, ownerToken); // counts what the server accepted
  sessions.push(writer, reader, watcher);
  await Promise.all([synced(writer), synced(reader), synced(watcher)]);
  const before = await editLatencies(writer, reader, 30, "calm");

  // 20,000 valid keystrokes, sent as fast as the socket takes them.
  const source = new Y.Doc();
  Y.applyUpdate(source, Y.encodeStateAsUpdate(watcher.doc));
  const frames: Uint8Array[] = [];
  source.on("update", (u: Uint8Array) => frames.push(syncUpdateMessage(u)));
  const text = source.getText("flood");
  for (let i = 0; i < 20_000; i++) text.insert(text.length, "x");
  let accepted = 0;
  watcher.doc.on("update", (_u: Uint8Array, origin: unknown) => {
    if (origin === watcher.provider) accepted++;
  });
  const flooder = openRaw(`${server.collabUrl}/${flooded}?token=${malloryToken}`);
  await flooder.opened;
  const floodStart = performance.now();
  for (const frame of frames) flooder.ws.send(frame);
  const during = await editLatencies(writer, reader, 30, "flood");
  const elapsed = (performance.now() - floodStart) / 1000;
  const acceptedDuring = accepted;
  // The connection's budget: a burst, then a steady rate; plus one socket read's worth of frames
  // (read before the pause that pays for them).
  const oneRead = Math.ceil(65_536 / frames[frames.length - 1].byteLength);
  expect(acceptedDuring).toBeLessThanOrEqual(PEER_FRAME_BURST + PEER_FRAMES_PER_SECOND * elapsed + oneRead);
  expect(acceptedDuring).toBeGreaterThan(PEER_FRAME_BURST / 2); // slowed, not cut off
  expect(writer.closes).toEqual([]);
  console.log("flood:", {
    sentFrames: frames.length,
    acceptedDuring,
    seconds: Number(elapsed.toFixed(1)),
    otherMemberP50Ms: { calm: Number(median(before).toFixed(1)), duringFlood: Number(median(during).toFixed(1)) },
    ratio: Number((median(during) / median(before)).toFixed(2)),
  });
  flooder.ws.terminate();
});
