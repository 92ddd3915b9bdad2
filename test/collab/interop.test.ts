// Stock y-websocket clients against the real server: convergence, roles, authentication, origin, access changes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { CloseCode } from "../../lib/collab/closeCodes";
import { collabOf } from "../../server/collab/collabChannel";
import { MessageType, syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import { documentText } from "../../server/collab/documentText";
import { startTestServer, type TestServer } from "../helpers/server";
import { appendParagraph } from "./fakes";
import { sharedDocument, signUpWithToken, tokenAccount } from "./tokenAccounts";
import { closeSession, openProvider, openRaw, synced, until, type Session } from "./wsClients";

let server: TestServer;
let collabUrl: string;
const owner = tokenAccount();
const editor = tokenAccount();
const viewer = tokenAccount();
const outsider = tokenAccount();
const sessions: Session[] = [];

const newDocument = () => sharedDocument("Interop", owner, editor, viewer);

function session(documentId: string, token: string): Session {
  const s = openProvider(collabUrl, documentId, token);
  sessions.push(s);
  return s;
}

const serverText = (id: string) => collabOf(server.services)!.readText(id);

beforeAll(async () => {
  server = await startTestServer();
  collabUrl = server.url.replace(/^http/, "ws") + "/collab";
  await signUpWithToken(server.url, "Owner", owner);
  await signUpWithToken(server.url, "Editor", editor);
  await signUpWithToken(server.url, "Viewer", viewer);
  await signUpWithToken(server.url, "Outsider", outsider);
});

afterAll(async () => {
  sessions.forEach(closeSession);
  await server?.stop();
});

test("two stock y-websocket clients of different users converge through the server", async () => {
  const id = await newDocument();
  const a = session(id, owner.token);
  const b = session(id, editor.token);
  await Promise.all([synced(a), synced(b)]);
  for (let i = 0; i < 20; i++) {
    appendParagraph(a.doc, `owner ${i}`);
    appendParagraph(b.doc, `editor ${i}`);
  }
  await until(() => documentText(a.doc).split("\n").length === 40 && documentText(b.doc).split("\n").length === 40);
  expect(documentText(a.doc)).toBe(documentText(b.doc));
  expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  expect(await serverText(id)).toBe(documentText(a.doc));
  // Group commit: 40 edits went to disk in fewer INSERTs than edits, and Prometheus sees it.
  await collabOf(server.services)!.store.flush(); // converged clients do not mean the group commit ran yet
  const store = collabOf(server.services)!.stats().store;
  expect(store.updatesWritten).toBeGreaterThanOrEqual(1);
  console.log(`[collab group commit] ${JSON.stringify(store)}`);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toMatch(/^tandem_collab_connections 2$/m);
  expect(metrics).toMatch(/^tandem_collab_commit_batch_updates_count \d+$/m);
});

describe("a viewer", () => {
  test("receives the document but its hand-built update frames change nothing", async () => {
    const id = await newDocument();
    const a = session(id, owner.token);
    await synced(a);
    appendParagraph(a.doc, "written by the owner");
    await until(async () => (await serverText(id)) === "written by the owner");

    const raw = openRaw(`${collabUrl}/${id}?token=${viewer.token}`);
    await raw.opened;
    const vandal = new Y.Doc();
    appendParagraph(vandal, "vandalism");
    raw.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(vandal)));
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.Sync);
    encoding.writeVarUint(step2, 1);
    encoding.writeVarUint8Array(step2, Y.encodeStateAsUpdate(vandal));
    raw.ws.send(encoding.toUint8Array(step2));
    // Frames are handled in order: once our step 1 is answered, the frames before it were handled too.
    const answeredBefore = raw.messages.length;
    raw.ws.send(syncStep1Message(new Y.Doc()));
    await until(() =>
      raw.messages.slice(answeredBefore).some((m) => {
        const d = decoding.createDecoder(m);
        return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 1;
      }),
    );
    expect(await serverText(id)).toBe("written by the owner");
    expect(documentText(a.doc)).toBe("written by the owner");
    expect(collabOf(server.services)!.stats().droppedReadOnlyUpdates).toBeGreaterThanOrEqual(2);
    expect(await server.services.db.documentUpdate.count({ where: { documentId: id } })).toBe(1);
    raw.ws.close();
  });
});

describe("who may connect", () => {
  test("a non-member is closed with 4403", async () => {
    const id = await newDocument();
    const raw = openRaw(`${collabUrl}/${id}?token=${outsider.token}`);
    expect((await raw.closed).code).toBe(CloseCode.Forbidden);
  });

  test("no credentials, or a bad token, is closed with 4401", async () => {
    const id = await newDocument();
    expect((await openRaw(`${collabUrl}/${id}`).closed).code).toBe(CloseCode.Unauthorized);
    expect((await openRaw(`${collabUrl}/${id}?token=tdm_nope`).closed).code).toBe(CloseCode.Unauthorized);
  });

  test("an unknown document is closed with 4403 (its existence is not revealed)", async () => {
    const raw = openRaw(`${collabUrl}/00000000-0000-0000-0000-000000000000?token=${owner.token}`);
    expect((await raw.closed).code).toBe(CloseCode.Forbidden);
  });

  test("a malformed document id is refused at the upgrade", async () => {
    expect(await openRaw(`${collabUrl}/..%2Fetc?token=${owner.token}`).refused).toBe(404);
    expect(await openRaw(`${collabUrl}/a/b?token=${owner.token}`).refused).toBe(404);
  });

  test("a session cookie works from our origin and is refused from another", async () => {
    const id = await newDocument();
    const ours = openRaw(`${collabUrl}/${id}`, { cookie: owner.api.cookie, origin: server.url });
    await ours.opened;
    await until(() => ours.messages.length > 0); // the server's sync step 1
    ours.ws.close();
    const foreign = openRaw(`${collabUrl}/${id}`, { cookie: owner.api.cookie, origin: "https://evil.example" });
    expect(await foreign.refused).toBe(403);
  });

  test("a frame over 1 MiB closes that socket with 1009, others stay", async () => {
    const id = await newDocument();
    const a = session(id, owner.token);
    await synced(a);
    const raw = openRaw(`${collabUrl}/${id}?token=${editor.token}`);
    await raw.opened;
    raw.ws.send(new Uint8Array(1024 * 1024 + 10));
    expect((await raw.closed).code).toBe(CloseCode.MessageTooBig);
    appendParagraph(a.doc, "still fine");
    await until(async () => (await serverText(id)) === "still fine");
  });
});

describe("access changes while connected", () => {
  test("a member removed through the HTTP API is disconnected with 4403 and stays out", async () => {
    const id = await newDocument();
    const b = session(id, editor.token);
    await synced(b);
    expect((await owner.api.delete(`/api/documents/${id}/members/${editor.id}`)).status).toBe(204);
    await until(() => b.closes.some((c) => c.code === CloseCode.Forbidden), 10_000, "4403 close");
    expect(b.provider.shouldConnect).toBe(false); // y-websocket treats 44xx as final
  });

  test("an editor lowered to viewer is reconnected read-only", async () => {
    const id = await newDocument();
    const a = session(id, owner.token);
    const b = session(id, editor.token);
    await Promise.all([synced(a), synced(b)]);
    appendParagraph(b.doc, "while editor");
    await until(() => documentText(a.doc) === "while editor");
    const res = await owner.api.patch(`/api/documents/${id}/members/${editor.id}`, { role: "viewer" });
    expect(res.status).toBe(200);
    await until(() => b.closes.some((c) => c.code === CloseCode.AccessChanged), 10_000, "4300 close");
    await until(() => b.provider.synced, 10_000, "resync after reconnect");
    appendParagraph(b.doc, "after downgrade");
    appendParagraph(a.doc, "owner again");
    await until(() => documentText(b.doc).includes("owner again"));
    expect(await serverText(id)).toBe("while editor\nowner again");
  });

  test("deleting the document closes everyone with 4404", async () => {
    const id = await newDocument();
    const a = session(id, owner.token);
    const b = session(id, editor.token);
    await Promise.all([synced(a), synced(b)]);
    appendParagraph(a.doc, "soon gone");
    expect((await owner.api.delete(`/api/documents/${id}`)).status).toBe(204);
    await until(() => [a, b].every((s) => s.closes.some((c) => c.code === CloseCode.DocumentDeleted)), 10_000, "4404 close");
    expect(await serverText(id)).toBeNull();
  });
});
