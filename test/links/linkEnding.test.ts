// Revocation, expiry, lowering and the trash end what came in through a share link, on every channel,
// at once (the live-access authority), against a real server.
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { CloseCode, CloseVariants } from "../../lib/collab/closeCodes";
import { syncUpdateMessage } from "../../server/collab/messages";
import { appendParagraph } from "../collab/fakes";
import { openRaw, until } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { connected } from "../realtime/helpers";
import { collabUrl, guestFor, guestSocket, joinCollab, newDocument, newLink, owner, sendAndSettle, server, serverText, withLinkServer } from "./linkFixture";

withLinkServer();

/** A guest with all three channels open through one link. */
async function guestChannels(id: string, token: string) {
  const guest = await guestFor(token);
  const collab = await joinCollab(`${collabUrl}/${id}`, { cookie: guest.cookie, origin: server.url });
  const socket = await connected(guestSocket(guest.cookie, id));
  expect(await socket.timeout(5_000).emitWithAck("doc:join", { documentId: id })).toMatchObject({ ok: true });
  const stream = await SseReader.open(`${server.url}/api/events`, { cookie: guest.cookie });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");
  const state = { collabClose: undefined as { code: number; reason: string } | undefined, disconnected: false };
  void collab.closed.then((c) => (state.collabClose = c));
  socket.on("disconnect", () => (state.disconnected = true));
  return { guest, collab, socket, stream, state };
}

describe("ending what came in through a link", () => {
  test("revoking ends the guest's collab socket (4403), socket.io and event stream at once", async () => {
    const id = await newDocument();
    const { id: linkId, token } = await newLink(id, "viewer");
    const ch = await guestChannels(id, token);
    const started = Date.now();
    expect((await owner.delete(`/api/documents/${id}/links/${linkId}`)).status).toBe(204);
    await until(() => ch.state.collabClose !== undefined && ch.state.disconnected && ch.stream.closed, 2_000, "every channel to end");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ch.state.collabClose).toEqual(CloseVariants.LinkEnded);
    // The cookie opens nothing any more.
    expect((await ch.guest.api.get(`/api/documents/${id}`)).status).toBe(401);
    expect((await openRaw(`${collabUrl}/${id}`, { cookie: ch.guest.cookie, origin: server.url }).closed).code).toBe(CloseCode.Unauthorized);
  });

  test("a link's expiry ends its connections at that moment", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "viewer", new Date(Date.now() + 1_500).toISOString());
    const ch = await guestChannels(id, token);
    expect(ch.state.collabClose).toBeUndefined();
    await until(() => ch.state.collabClose !== undefined && ch.state.disconnected && ch.stream.closed, 4_000, "every channel to end at expiry");
    expect(ch.state.collabClose).toEqual(CloseVariants.LinkEnded);
    expect((await guestFor(token)).opened.status).toBe(404);
  });

  test("lowering a link from edit to view reconnects its users (4300) as viewers", async () => {
    const id = await newDocument();
    const { id: linkId, token } = await newLink(id, "editor");
    const guest = await guestFor(token);
    const raw = await joinCollab(`${collabUrl}/${id}`, { cookie: guest.cookie, origin: server.url });
    expect((await owner.patch(`/api/documents/${id}/links/${linkId}`, { role: "viewer" })).status).toBe(200);
    expect((await raw.closed).code).toBe(CloseCode.AccessChanged);
    const again = await joinCollab(`${collabUrl}/${id}`, { cookie: guest.cookie, origin: server.url });
    const edit = new Y.Doc();
    appendParagraph(edit, "after lowering");
    await sendAndSettle(again, [syncUpdateMessage(Y.encodeStateAsUpdate(edit))]);
    expect(await serverText(id)).not.toContain("after lowering");
    again.ws.close();
  });

  test("moving the document to the trash ends the guest's collab socket and the link stops working", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "viewer");
    const ch = await guestChannels(id, token);
    expect((await owner.delete(`/api/documents/${id}`)).status).toBe(204);
    await until(() => ch.state.collabClose !== undefined, 2_000, "the collab socket to close");
    expect(ch.state.collabClose?.code).toBe(CloseCode.DocumentDeleted);
    expect((await guestFor(token)).opened.status).toBe(404);
    ch.socket.disconnect();
    ch.stream.close();
  });

  test("a link revoked by hand in the database is found by the periodic re-check", async () => {
    const id = await newDocument();
    const { id: linkId, token } = await newLink(id, "viewer");
    const ch = await guestChannels(id, token);
    await server.services.db.shareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
    await (server.services.access as unknown as { recheck(): Promise<void> }).recheck();
    await until(() => ch.state.collabClose !== undefined && ch.state.disconnected, 2_000, "the re-check to end them");
    expect(ch.state.collabClose).toEqual(CloseVariants.LinkEnded);
    ch.stream.close();
  });
});
