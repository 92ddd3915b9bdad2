// How the table's cells act on each channel: one socket.io client per role (kept for all its cells),
// raw y-websocket clients, raw SSE readers. Every method returns an outcome as a short string or a
// status/close code, the thing the table's expectations are written in.
import crypto from "node:crypto";
import { openSocket, type ClientSocket } from "../../realtime/helpers";
import { SseReader } from "../../events/helpers";
import { collabOf } from "../../../server/collab/collabChannel";
import { SESSION_COOKIE } from "../../../server/http/cookies";
import type { ClientEventName } from "../../../lib/realtime/events";
import { type World, sleep, until, type Credential, type Role } from "../support/world";
import { YClient, storedDocument } from "../support/yClient";
import { ackOutcome } from "./refusal";

export type Outcome = string | number;

/** How long a connection may outlive its credential's expiry before the cell fails. */
export const EXPIRY_GRACE_MS = 5_000;

type Held = { collab: YClient; sse: SseReader; socket: ClientSocket | null; deadline: number };

export class Probe {
  private sockets = new Map<Role, Promise<ClientSocket | string>>();
  private heldFixture?: Promise<Map<Role, Held>>;
  private liveAudience?: Promise<Map<Role, SseReader>>;
  private announcements?: Promise<Record<"everyone" | "users" | "admins", string>>;
  private rootComment?: Promise<string>;

  private login?: Promise<{ email: string; password: string }>;

  constructor(readonly w: World) {}

  /**
   * Starts the slow fixture now (connections that must outlive a credential expiring a few seconds
   * ahead), so its cells, which run later, find the deadline passed instead of waiting for it.
   */
  warmUp(): void {
    this.held().catch(() => {}); // a failure surfaces in the cells that await it
  }

  /** One account that every role signs in to (password hashing is the slow part: once). */
  loginTarget() {
    return (this.login ??= (async () => {
      const email = `login-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const password = "correct horse battery staple";
      await this.w.services.auth.signup({ email, password, name: "Login target" });
      return { email, password };
    })());
  }

  /** A user row without a usable password: only ever a target (someone to share with). */
  async bareUser(label: string) {
    const id = crypto.randomUUID();
    return this.w.services.db.user.create({ data: { id, email: `${label}-${id.slice(0, 8)}@example.com`, name: label, passwordHash: "x" } });
  }

  // ---- HTTP ----

  http(method: string, pathname: string, role: Role | Credential, body?: unknown) {
    return this.w.raw(method, pathname, role, body);
  }

  // ---- socket.io ----

  socketOptions(cred: Credential) {
    return {
      transport: "websocket" as const,
      cookie: cred.kind === "cookie" ? `${SESSION_COOKIE}=${cred.secret}` : undefined,
      token: cred.kind === "token" ? cred.secret : undefined,
    };
  }

  /** Connects `cred` and resolves with the socket, or with "refused <code>". */
  connectSocket(cred: Credential): Promise<ClientSocket | string> {
    const socket = openSocket(this.w.url, this.socketOptions(cred));
    return new Promise((resolve) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (err: Error & { data?: { code?: string } }) => {
        socket.close();
        resolve(`refused ${err.data?.code ?? err.message}`);
      });
    });
  }

  /** The role's socket, connected once and kept for all of its cells. */
  socket(role: Role): Promise<ClientSocket | string> {
    let s = this.sockets.get(role);
    if (!s) this.sockets.set(role, (s = this.w.prepare(role).then(() => this.connectSocket(this.w.creds[role]))));
    return s;
  }

  async connectOutcome(role: Role): Promise<Outcome> {
    const s = await this.socket(role);
    return typeof s === "string" ? s : "connected";
  }

  /** Emits with an ack: "ok", the error code of a refusal, or "refused" when the role cannot connect at all. */
  async emit(role: Role, event: ClientEventName, payload: unknown): Promise<Outcome> {
    const s = await this.socket(role);
    if (typeof s === "string") return "refused";
    const result: any = await (s.timeout(5_000) as any).emitWithAck(event, payload).catch(() => ({ ok: false, error: { code: "no ack" } }));
    return result.ok ? "ok" : ackOutcome(result.error);
  }

  /** A thread's root comment by the owner on the main document (made in the database, once). */
  root(): Promise<string> {
    return (this.rootComment ??= this.comment(this.w.users.owner.id));
  }

  async comment(authorId: string, documentId = this.w.mainDocId): Promise<string> {
    const id = crypto.randomUUID();
    await this.w.services.db.comment.create({ data: { id, documentId, authorId, body: "matrix comment" } });
    return id;
  }

  // ---- collab ----

  yClient(documentId: string, cred: Credential): YClient {
    const url = this.w.collabBase + documentId + (cred.kind === "token" ? `?token=${encodeURIComponent(cred.secret)}` : "");
    return new YClient(url, cred.kind === "cookie" ? { cookie: `${SESSION_COOKIE}=${cred.secret}`, origin: this.w.url } : {});
  }

  async collabConnect(role: Role, documentId: string): Promise<Outcome> {
    const client = this.yClient(documentId, this.w.creds[role]);
    const outcome = await client.outcome();
    await client.close();
    return outcome;
  }

  /**
   * The role sends an edit as a sync update and as sync step 2 to a fresh document where an editor
   * listens. Its awareness, sent after the edits, is the barrier: frames of one peer are handled in
   * order, so once the listener has it, the edits were relayed or never will be. Then both leave, the
   * room unloads, and the stored document is read back from the database.
   */
  async collabUpdate(role: Role): Promise<Outcome> {
    const documentId = await this.w.scratchDoc("Matrix update");
    const listener = this.yClient(documentId, this.w.creds.editor);
    if ((await listener.outcome()) !== "open") throw new Error("the listening editor could not connect");
    const actor = this.yClient(documentId, this.w.creds[role]);
    const opened = await actor.outcome();
    if (opened !== "open") {
      await Promise.all([actor.close(), listener.close()]);
      return "refused";
    }
    const marks = { update: `u-${role}-${crypto.randomUUID().slice(0, 6)}`, step2: `s-${role}-${crypto.randomUUID().slice(0, 6)}` };
    actor.sendEdit("matrix-update", marks.update, "update");
    actor.sendEdit("matrix-step2", marks.step2, "step2");
    const barrier = actor.sendAwareness({ barrier: true });
    await listener.waitFor(() => listener.awareness.getStates().has(barrier), 2_000);
    await sleep(30);
    const relayed = [listener.text("matrix-update") === marks.update, listener.text("matrix-step2") === marks.step2];
    await Promise.all([actor.close(), listener.close()]);
    const manager = collabOf(this.w.services)!.manager;
    if (!(await until(() => !manager.isOpen(documentId), 5_000))) return "room never unloaded";
    await sleep(100); // the unload's compaction commits just after the room leaves the map
    const stored = await storedDocument(this.w.services.db, documentId);
    const kept = [stored.getText("matrix-update").toString() === marks.update, stored.getText("matrix-step2").toString() === marks.step2];
    const all = [...relayed, ...kept];
    if (all.every(Boolean)) return "applied";
    if (!all.some(Boolean)) return "dropped";
    return `relayed ${relayed.join("/")} stored ${kept.join("/")}`;
  }

  /** Awareness claiming another name: relayed with the account's own name, spoofed, or not at all. */
  async collabAwareness(role: Role): Promise<Outcome> {
    const listener = this.yClient(this.w.mainDocId, this.w.creds.editor);
    if ((await listener.outcome()) !== "open") throw new Error("the listening editor could not connect");
    const actor = this.yClient(this.w.mainDocId, this.w.creds[role]);
    try {
      if ((await actor.outcome()) !== "open") return "refused";
      const id = actor.sendAwareness({ user: { id: "spoofed-id", name: "Mallory", color: "#f00" }, cursor: null });
      await listener.waitFor(() => listener.awareness.getStates().has(id), 2_000);
      const state = listener.awareness.getStates().get(id) as { user?: { name?: string } } | undefined;
      if (!state) return "not relayed";
      return state.user?.name === "Mallory" ? "relayed spoofed" : "relayed as self";
    } finally {
      await Promise.all([actor.close(), listener.close()]);
    }
  }

  // ---- SSE ----

  sse(cred: Credential): Promise<SseReader> {
    const headers: Record<string, string> = {};
    if (cred.kind === "cookie") headers.cookie = `${SESSION_COOKIE}=${cred.secret}`;
    if (cred.kind === "token") headers.authorization = `Bearer ${cred.secret}`;
    return SseReader.open(`${this.w.url}/api/events`, headers);
  }

  async sseViewer(role: Role): Promise<Outcome> {
    const reader = await this.sse(this.w.creds[role]);
    try {
      if (reader.status !== 200) return `http ${reader.status}`;
      const version = await reader.waitForEvent("version");
      return version.data.viewer;
    } finally {
      reader.close();
    }
  }

  /** One announcement per audience, made by the administrator over HTTP (once). */
  private audiences() {
    return (this.announcements ??= (async () => {
      const ids = {} as Record<"everyone" | "users" | "admins", string>;
      // "everyone" last: it is every reader's barrier.
      for (const audience of ["admins", "users", "everyone"] as const) ids[audience] = await this.announce(audience);
      return ids;
    })());
  }

  async announce(audience: "everyone" | "users" | "admins", extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.http("POST", "/api/admin/announcements", "admin", { title: `Matrix ${audience}`, audience, ...extra });
    if (res.status !== 201) throw new Error(`announcement answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  private async seen(reader: SseReader, ids: Record<string, string>): Promise<Outcome> {
    await reader.waitForEvent("announcement", (a) => a.id === ids.everyone, 5_000);
    await sleep(50);
    const got = new Set(reader.named("announcement").map((f) => f.data.id));
    return (["everyone", "users", "admins"] as const).filter((a) => got.has(ids[a])).join("+") || "none";
  }

  /** Which of the three audiences a stream opened now receives in its opening snapshot. */
  async sseSnapshot(role: Role): Promise<Outcome> {
    const ids = await this.audiences();
    const reader = await this.sse(this.w.creds[role]);
    try {
      return await this.seen(reader, ids);
    } finally {
      reader.close();
    }
  }

  /** Which of three audiences announced while every role's stream is open reach this role's stream. */
  async sseLive(role: Role): Promise<Outcome> {
    const readers = await (this.liveAudience ??= (async () => {
      const readers = new Map<Role, SseReader>();
      for (const r of Object.keys(this.w.creds) as Role[]) {
        await this.w.prepare(r);
        const reader = await this.sse(this.w.creds[r]);
        await reader.waitForEvent("version");
        readers.set(r, reader);
      }
      const ids = {} as Record<string, string>;
      for (const audience of ["admins", "users", "everyone"] as const) ids[audience] = await this.announce(audience, { title: `Live ${audience}` });
      (readers as any).ids = ids;
      return readers;
    })());
    const reader = readers.get(role)!;
    const outcome = await this.seen(reader, (readers as any).ids);
    reader.close();
    return outcome;
  }

  // ---- connections that outlive their credential ----

  /**
   * Opens a collab socket, an event stream and a socket.io socket for each dying credential (and the
   * editor's live one, as the control), then kills them: a session expiring (its row's expiresAt a few
   * seconds ahead), a logout, a token revocation. The live scoped tokens are controls too: nothing
   * that ends a session or another token may end them.
   */
  private held(): Promise<Map<Role, Held>> {
    return (this.heldFixture ??= (async () => {
      const { w } = this;
      const expiring = await w.services.auth.createSession(w.users.editor.id);
      const expiresAt = Date.now() + 2_500;
      await w.expire(expiring, new Date(expiresAt));
      const loggedOut = await w.services.auth.createSession(w.users.editor.id);
      const token = await w.services.auth.createAccessToken(w.users.editor.id, "matrix held");
      const creds: Partial<Record<Role, Credential>> = {
        expired: { kind: "cookie", secret: expiring },
        loggedOut: { kind: "cookie", secret: loggedOut },
        revokedToken: { kind: "token", secret: token.token },
        editor: w.creds.editor,
        readToken: w.creds.readToken,
        writeToken: w.creds.writeToken,
      };
      const held = new Map<Role, Held>();
      for (const [role, cred] of Object.entries(creds) as Array<[Role, Credential]>) {
        const collab = this.yClient(w.mainDocId, cred);
        if ((await collab.outcome()) !== "open") throw new Error(`${role}: collab did not open before its credential died`);
        const sse = await this.sse(cred);
        await sse.waitForEvent("version");
        const socket = await this.connectSocket(cred);
        if (typeof socket === "string") throw new Error(`${role}: socket.io ${socket} before its credential died`);
        held.set(role, { collab, sse, socket, deadline: expiresAt + EXPIRY_GRACE_MS });
      }
      if ((await this.http("POST", "/api/auth/logout", creds.loggedOut!)).status !== 204) throw new Error("logout failed");
      if ((await this.http("DELETE", `/api/tokens/${token.id}`, "editor")).status !== 204) throw new Error("revoke failed");
      return held;
    })());
  }

  /** "ended" when the channel's connection closed by the shared deadline, else "open". */
  async heldOpen(role: Role, channel: "collab" | "sse" | "socket.io"): Promise<Outcome> {
    const h = (await this.held()).get(role)!;
    const ended = () => (channel === "collab" ? !h.collab.isOpen : channel === "sse" ? h.sse.closed : !h.socket!.connected);
    const gone = await until(ended, Math.max(0, h.deadline - Date.now()));
    return gone ? "ended" : "open";
  }

  async close(): Promise<void> {
    for (const s of this.sockets.values()) {
      const socket = await s;
      if (typeof socket !== "string") socket.close();
    }
    for (const h of (await this.heldFixture)?.values() ?? []) {
      await h.collab.close();
      h.sse.close();
      h.socket?.close();
    }
    for (const r of (await this.liveAudience)?.values() ?? []) r.close();
  }
}
