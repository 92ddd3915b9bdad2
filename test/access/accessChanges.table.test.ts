// Every channel through every access change, as one table. A member (Bo) has all three live channels
// open on a shared document: the collab WebSocket, socket.io (subscribed to the document's room) and
// the event stream. Each row applies one access change and says what each channel must do:
// close with a code (collab), disconnect or be told (socket.io), end (stream) — or stay open, since
// the event stream is not bound to a document. A channel that should stay open is checked only after
// the ones that react have reacted, so "stayed open" means the change had been handled.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import type { AccessChange, AccessChangeReason } from "../../lib/realtime/events";
import { openRaw, until, type RawSocket } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { linkCookieName } from "../../server/auth/linkCredential";
import { connected, openSocket, type ClientSocket } from "../realtime/helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Credential = { kind: "cookie"; cookie: string } | { kind: "token"; token: string; tokenId: string };
type World = { owner: ApiClient; member: ApiClient; memberId: string; documentId: string; credential: Credential; linkId?: string };

/** Bo leaves the document and comes back through an edit link: its cookie rides beside his session cookie. */
async function enterThroughLink(w: World): Promise<void> {
  expect((await w.owner.delete(`/api/documents/${w.documentId}/members/${w.memberId}`)).status).toBe(204);
  const link = await w.owner.post(`/api/documents/${w.documentId}/links`, { role: "editor" });
  expect(link.status).toBe(201);
  w.linkId = link.body.id;
  const token = (link.body.url as string).split("/s/")[1];
  if (w.credential.kind !== "cookie") throw new Error("row needs a cookie");
  w.credential = { kind: "cookie", cookie: `${w.credential.cookie}; ${linkCookieName(w.documentId)}=${token}` };
}

type CollabOutcome = { close: number } | "open";
/** Told what happened, and whether the socket stays in the document's room (gets its comments). */
type SocketOutcome = "disconnected" | { told: AccessChangeReason; inRoom: boolean } | "open";
type StreamOutcome = "ended" | "open";

type Row = {
  change: string;
  credential: Credential["kind"];
  /** Before the channels open (a session's expiry is read when a connection registers). */
  prepare?(world: World): Promise<void>;
  /** Once all three are open. */
  apply(world: World): Promise<void>;
  collab: CollabOutcome;
  socket: SocketOutcome;
  stream: StreamOutcome;
};

const TABLE: Row[] = [
  {
    change: "member signs out",
    credential: "cookie",
    apply: async (w) => void expect((await w.member.post("/api/auth/logout", {})).status).toBeLessThan(300),
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "session expires",
    credential: "cookie",
    prepare: async (w) => {
      const { count } = await server.services.db.session.updateMany({ where: { userId: w.memberId }, data: { expiresAt: new Date(Date.now() + 2_000) } });
      expect(count).toBe(1);
    },
    apply: async () => {}, // the session simply runs out while the channels are open
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "access token revoked",
    credential: "token",
    apply: async (w) => {
      if (w.credential.kind !== "token") throw new Error("row needs a token");
      expect((await w.member.delete(`/api/tokens/${w.credential.tokenId}`)).status).toBe(204);
    },
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "membership removed",
    credential: "cookie",
    apply: async (w) => void expect((await w.owner.delete(`/api/documents/${w.documentId}/members/${w.memberId}`)).status).toBe(204),
    collab: { close: CloseCode.Forbidden },
    socket: { told: "removed", inRoom: false },
    stream: "open",
  },
  {
    change: "member leaves",
    credential: "cookie",
    apply: async (w) => void expect((await w.member.delete(`/api/documents/${w.documentId}/members/${w.memberId}`)).status).toBe(204),
    collab: { close: CloseCode.Forbidden },
    socket: { told: "left", inRoom: false },
    stream: "open",
  },
  {
    change: "role lowered to viewer",
    credential: "cookie",
    apply: async (w) => void expect((await w.owner.patch(`/api/documents/${w.documentId}/members/${w.memberId}`, { role: "viewer" })).status).toBe(200),
    collab: { close: CloseCode.AccessChanged },
    socket: { told: "role_changed", inRoom: true },
    stream: "open",
  },
  {
    // Bo is no member: an edit link (its cookie beside his session) is his way in, and goes.
    change: "link revoked",
    credential: "cookie",
    prepare: enterThroughLink,
    apply: async (w) => void expect((await w.owner.delete(`/api/documents/${w.documentId}/links/${w.linkId}`)).status).toBe(204),
    collab: { close: CloseCode.Forbidden },
    socket: { told: "removed", inRoom: false },
    stream: "open",
  },
  {
    change: "link lowered to view",
    credential: "cookie",
    prepare: enterThroughLink,
    apply: async (w) => void expect((await w.owner.patch(`/api/documents/${w.documentId}/links/${w.linkId}`, { role: "viewer" })).status).toBe(200),
    collab: { close: CloseCode.AccessChanged },
    socket: "open",
    stream: "open",
  },
  {
    change: "document deleted",
    credential: "cookie",
    apply: async (w) => void expect((await w.owner.delete(`/api/documents/${w.documentId}`)).status).toBe(204),
    collab: { close: CloseCode.DocumentDeleted },
    socket: { told: "deleted", inRoom: false },
    stream: "open",
  },
  {
    change: "account deactivated",
    credential: "cookie",
    apply: (w) => deactivate(w.memberId),
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "account deactivated (token)",
    credential: "token",
    apply: (w) => deactivate(w.memberId),
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "password changed on another device",
    credential: "cookie",
    apply: (w) => changePasswordElsewhere(w),
    collab: { close: CloseCode.Unauthorized },
    socket: "disconnected",
    stream: "ended",
  },
  {
    change: "password changed (token kept)",
    credential: "token",
    apply: (w) => changePasswordElsewhere(w),
    collab: "open",
    socket: "open",
    stream: "open",
  },
];

/** Bo signs in on another device and changes his password there (Settings: PUT /api/me/password). */
async function changePasswordElsewhere(w: World): Promise<void> {
  const other = new ApiClient(server.url, { origin: server.url });
  const me = await server.services.db.user.findUniqueOrThrow({ where: { id: w.memberId }, select: { email: true } });
  expect((await other.post("/api/auth/login", { email: me.email, password: "correct horse battery" })).status).toBe(200);
  const changed = await other.request("PUT", "/api/me/password", { currentPassword: "correct horse battery", newPassword: "a brand new secret" });
  expect(changed.status).toBe(204);
}

/** An administrator deactivates the account on the People page (PATCH /api/admin/people/:id). */
async function deactivate(userId: string): Promise<void> {
  const admin = new ApiClient(server.url, { origin: server.url });
  const { id } = await admin.signup("Admin");
  await server.services.db.user.update({ where: { id }, data: { isAdmin: true } });
  expect((await admin.patch(`/api/admin/people/${userId}`, { deactivated: true })).status).toBe(200);
}

async function world(credentialKind: Credential["kind"]): Promise<World> {
  const owner = new ApiClient(server.url, { origin: server.url });
  await owner.signup("Ana");
  const member = new ApiClient(server.url, { origin: server.url });
  const bo = await member.signup("Bo");
  const documentId: string = (await owner.post("/api/documents", { title: "Shared plan" })).body.id;
  expect((await owner.post(`/api/documents/${documentId}/members`, { email: bo.email, role: "editor" })).status).toBe(201);
  let credential: Credential = { kind: "cookie", cookie: member.cookie };
  if (credentialKind === "token") {
    const created = await member.post("/api/tokens", { name: "table", scopes: ["documents:write"] });
    expect(created.status).toBe(201);
    credential = { kind: "token", token: created.body.token.token, tokenId: created.body.token.id };
  }
  return { owner, member, memberId: bo.id, documentId, credential };
}

type Channels = {
  collab: RawSocket;
  socket: ClientSocket;
  ownerSocket: ClientSocket;
  stream: SseReader;
  collabClosed?: number;
  disconnected: boolean;
  told: AccessChange[];
  comments: string[];
};

async function openChannels(w: World): Promise<Channels> {
  const c = w.credential;
  const base = `${server.url.replace(/^http/, "ws")}/collab/${w.documentId}`;
  const collab = c.kind === "cookie" ? openRaw(base, { cookie: c.cookie, origin: server.url }) : openRaw(`${base}?token=${encodeURIComponent(c.token)}`);
  await collab.opened;
  const ownerSocket = await connected(openSocket(server.url, { transport: "websocket", cookie: w.owner.cookie }));
  expect(await ownerSocket.timeout(5_000).emitWithAck("doc:join", { documentId: w.documentId })).toMatchObject({ ok: true });
  const socket = await connected(
    openSocket(server.url, c.kind === "cookie" ? { transport: "websocket", cookie: c.cookie } : { transport: "websocket", token: c.token, origin: null }),
  );
  const joined = await socket.timeout(5_000).emitWithAck("doc:join", { documentId: w.documentId });
  expect(joined, "socket.io joins the document's room").toMatchObject({ ok: true });
  const stream = await SseReader.open(`${server.url}/api/events`, c.kind === "cookie" ? { cookie: c.cookie } : { authorization: `Bearer ${c.token}` });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");
  expect(stream.named("version")[0].data.viewer, "the stream is signed in").not.toBe("anonymous");
  const channels: Channels = { collab, socket, ownerSocket, stream, disconnected: false, told: [], comments: [] };
  socket.on("comment:upsert", (p) => channels.comments.push(p.comment.body));
  void collab.closed.then((closed) => (channels.collabClosed = closed.code));
  socket.on("disconnect", () => (channels.disconnected = true));
  socket.on("access:changed", (change) => channels.told.push(change));
  return channels;
}

function closeAll(ch: Channels) {
  ch.collab.ws.close();
  ch.socket.disconnect();
  ch.ownerSocket.disconnect();
  ch.stream.close();
}

test.each(TABLE)("$change: collab $collab, socket.io $socket, stream $stream", async (row) => {
  const w = await world(row.credential);
  await row.prepare?.(w);
  const ch = await openChannels(w);
  try {
    await row.apply(w);

    // First every channel that must react...
    const collabClose = row.collab === "open" ? undefined : row.collab.close;
    if (collabClose !== undefined) await until(() => ch.collabClosed !== undefined, 5_000, "the collab socket to close");
    const socketRow = row.socket;
    if (socketRow === "disconnected") await until(() => ch.disconnected, 5_000, "socket.io to disconnect");
    else if (socketRow !== "open") await until(() => ch.told.some((t) => t.documentId === w.documentId), 5_000, "socket.io to be told");
    if (row.stream === "ended") await ch.stream.waitFor(() => ch.stream.closed, 5_000, "the stream to end");

    // ...then what it did, and that the others are still open a moment later.
    await new Promise((r) => setTimeout(r, 250));
    expect(ch.collabClosed, "collab close code").toBe(collabClose);
    expect(ch.disconnected, "socket.io disconnected").toBe(socketRow === "disconnected");
    if (typeof socketRow === "object") {
      expect(ch.told.map((t) => t.reason)).toEqual([socketRow.told]);
      expect(ch.told[0].role, "no role left on the document unless it changed").toBe(socketRow.told === "role_changed" ? "viewer" : null);
      if (socketRow.told !== "deleted") {
        // The owner comments: a member who lost the document no longer receives its comments.
        const seenByOwner = new Promise((resolve) => ch.ownerSocket.once("comment:upsert", resolve));
        const ack = await ch.ownerSocket.timeout(5_000).emitWithAck("comment:create", { documentId: w.documentId, body: "after the change" });
        expect(ack).toMatchObject({ ok: true });
        await seenByOwner;
        await new Promise((r) => setTimeout(r, 200));
        expect(ch.comments.includes("after the change"), "still in the document's room").toBe(socketRow.inRoom);
      }
    } else {
      expect(ch.told, "no access notice").toEqual([]);
    }
    expect(ch.stream.closed, "event stream ended").toBe(row.stream === "ended");
  } finally {
    closeAll(ch);
  }
});

test("the table covers every way the access authority ends a connection", () => {
  // A new end reason (link revoked, page moved, account deactivated) must get a row here.
  const reasons = ["signed-out", "session-ended", "access-removed", "document-deleted", "account-deactivated", "link-ended"] as const;
  const rowFor: Record<(typeof reasons)[number], string> = {
    "signed-out": "member signs out",
    "session-ended": "session expires",
    "access-removed": "membership removed",
    "document-deleted": "document deleted",
    "account-deactivated": "account deactivated",
    "link-ended": "link revoked",
  };
  for (const reason of reasons) expect(TABLE.map((r) => r.change)).toContain(rowFor[reason]);
});
