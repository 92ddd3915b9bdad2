// One real server and one cast of accounts for the authorization matrix. Every role is a real
// credential: live sessions, a token revoked over HTTP, a cookie logged out over HTTP, a session whose
// row was expired in the database, and two live scoped access tokens of the editor made over HTTP.
// Cells share this world (beforeAll) and must leave it usable.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../../server/config";
import { startTandem, type Tandem } from "../../../server/app";
import { Router } from "../../../server/http/router";
import { channelFactories } from "../../../server/channels";
import { createCollabChannel, collabChannelWith } from "../../../server/collab/collabChannel";
import type { AuthUser } from "../../../server/auth/auth";
import type { Scope } from "../../../server/auth/scopes";
import { SESSION_COOKIE } from "../../../server/http/cookies";
import { freshDatabase } from "../../helpers/server";

export const ROLES = [
  "anonymous",
  "nonMember",
  "viewer",
  "editor",
  "owner",
  "admin",
  "revokedToken",
  "loggedOut",
  "expired",
  "readToken",
  "writeToken",
] as const;
export type Role = (typeof ROLES)[number];
/** The live access tokens: the editor's, one per scope (server/auth/scopes.ts). */
export const TOKEN_SCOPES = { readToken: "documents:read", writeToken: "documents:write" } as const satisfies Partial<Record<Role, Scope>>;
/**
 * The accounts behind the roles; the dead credentials (token, cookie, session) and the live scoped
 * tokens all belong to the editor.
 */
export type Person = "admin" | "owner" | "editor" | "viewer" | "nonMember";

export type Credential = { kind: "none" } | { kind: "cookie"; secret: string } | { kind: "token"; secret: string };

/** Rooms unload quickly here so "stored after the room unloads" is checked in milliseconds, not 10 s. */
const UNLOAD_DELAY_MS = 300;

export class World {
  readonly users = {} as Record<Person, AuthUser>;
  readonly creds = {} as Record<Role, Credential>;
  /** The document every non-destructive cell works on: owner, editor and viewer are its members. */
  mainDocId = "";
  /** Every `METHOD /path` the server registered on its Router, seen as the server started. */
  readonly routes: string[] = [];

  private constructor(
    readonly tandem: Tandem,
    private readonly cleanup: () => Promise<void>,
  ) {}

  get url(): string {
    return this.tandem.url;
  }
  get services() {
    return this.tandem.services;
  }
  get collabBase(): string {
    return this.url.replace(/^http/, "ws") + "/collab/";
  }

  static async start(): Promise<World> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-matrix-"));
    const database = await freshDatabase();
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    // Observe (not replace) Router.on while the server assembles itself: that is the list of routes
    // the table must cover. Restored at once, so nothing else in the process sees it.
    const seen: string[] = [];
    const on = Router.prototype.on;
    Router.prototype.on = function (this: Router, method: string, p: string, handler) {
      seen.push(`${method} ${p}`);
      return on.call(this, method, p, handler);
    };
    let tandem: Tandem;
    try {
      const channels = channelFactories.map((f) => (f === createCollabChannel ? collabChannelWith({ unloadDelayMs: UNLOAD_DELAY_MS }) : f));
      tandem = await startTandem(config, { channels });
    } finally {
      Router.prototype.on = on;
    }
    const world = new World(tandem, async () => {
      await tandem.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    world.routes.push(...seen);
    await world.cast();
    return world;
  }

  stop(): Promise<void> {
    return this.cleanup();
  }

  private async cast(): Promise<void> {
    const { auth } = this.services;
    // The first account is the administrator (no ADMIN_EMAILS): made first, on purpose.
    for (const person of ["admin", "owner", "editor", "viewer", "nonMember"] as Person[]) {
      this.users[person] = await this.newUser(person);
    }
    if (!this.users.admin.isAdmin) throw new Error("the first account should be the administrator");
    for (const person of ["admin", "owner", "editor", "viewer", "nonMember"] as Person[]) {
      this.creds[person] = { kind: "cookie", secret: await auth.createSession(this.users[person].id) };
    }
    this.creds.anonymous = { kind: "none" };
    this.creds.revokedToken = { kind: "token", secret: await this.deadToken() };
    this.creds.loggedOut = { kind: "cookie", secret: await this.loggedOutCookie() };
    this.creds.expired = { kind: "cookie", secret: await auth.createSession(this.users.editor.id) };
    await this.expire();
    for (const [role, scope] of Object.entries(TOKEN_SCOPES) as Array<[Role, Scope]>) {
      this.creds[role] = { kind: "token", secret: await this.scopedToken(scope) };
    }
    this.mainDocId = await this.scratchDoc("Matrix main");
  }

  /** A user made through the domain (not /api/auth/signup, so a sign-up limit cannot starve the set-up). */
  newUser(label: string): Promise<AuthUser> {
    const email = `${label.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    return this.services.auth.signup({ email, password: "correct horse battery staple", name: `Matrix ${label}` });
  }

  /** A personal access token of the editor, revoked over HTTP as a user would. */
  async deadToken(): Promise<string> {
    const created = await this.services.auth.createAccessToken(this.users.editor.id, "matrix");
    const editorCookie = await this.services.auth.createSession(this.users.editor.id);
    const res = await this.raw("DELETE", `/api/tokens/${created.id}`, { kind: "cookie", secret: editorCookie });
    if (res.status !== 204) throw new Error(`revoking the token answered ${res.status}`);
    return created.token;
  }

  /** A live personal access token of the editor with one scope, made from the editor's browser session as Settings does. */
  async scopedToken(scope: Scope): Promise<string> {
    const res = await this.raw("POST", "/api/tokens", this.creds.editor, { name: `matrix ${scope}`, scopes: [scope] });
    if (res.status !== 201) throw new Error(`creating a ${scope} token answered ${res.status} ${JSON.stringify(res.body)}`);
    const got = res.body.token;
    if (JSON.stringify(got.scopes) !== JSON.stringify([scope])) throw new Error(`a ${scope} token came back with scopes ${JSON.stringify(got.scopes)}`);
    return got.token;
  }

  /** A session cookie of the editor after POST /api/auth/logout. */
  async loggedOutCookie(): Promise<string> {
    const secret = await this.services.auth.createSession(this.users.editor.id);
    const res = await this.raw("POST", "/api/auth/logout", { kind: "cookie", secret });
    if (res.status !== 204) throw new Error(`logout answered ${res.status}`);
    return secret;
  }

  /**
   * (Re)writes the expired role's Session row with expiresAt in the past, or `at` when given. The server
   * deletes an expired row when it sees it, so cells call this before each use: the role stays "a
   * session that exists but has expired", not "a session that is gone".
   */
  async expire(secret = this.credSecret("expired"), at = new Date(Date.now() - 60_000)): Promise<void> {
    const tokenHash = this.services.auth.credentialId(secret);
    await this.services.db.session.upsert({
      where: { tokenHash },
      update: { expiresAt: at },
      create: { id: crypto.randomUUID(), tokenHash, userId: this.users.editor.id, expiresAt: at },
    });
  }

  private credSecret(role: Role): string {
    const c = this.creds[role];
    if (c.kind === "none") throw new Error(`${role} has no secret`);
    return c.secret;
  }

  /** Before a cell acts as `role`: keep the role what it claims to be. */
  async prepare(role: Role): Promise<void> {
    if (role === "expired") await this.expire();
  }

  /** Request headers a well-behaved client of this role sends (a browser adds Origin to cookies). */
  headers(role: Role | Credential): Record<string, string> {
    const c = typeof role === "string" ? this.creds[role] : role;
    if (c.kind === "cookie") return { cookie: `${SESSION_COOKIE}=${c.secret}`, origin: this.url };
    if (c.kind === "token") return { authorization: `Bearer ${c.secret}` };
    return {};
  }

  /** A document owned by the owner with the editor and the viewer as members. */
  async scratchDoc(title = "Matrix scratch"): Promise<string> {
    const { documents, db } = this.services;
    const doc = await documents.create(this.users.owner, title);
    await db.membership.createMany({
      data: [
        { documentId: doc.id, userId: this.users.editor.id, role: "editor" },
        { documentId: doc.id, userId: this.users.viewer.id, role: "viewer" },
      ],
    });
    return doc.id;
  }

  /** One HTTP request as a role; JSON bodies in and out. */
  async raw(method: string, pathname: string, who: Role | Credential, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(this.url + pathname, {
      method,
      headers: { ...this.headers(who), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: json };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(15);
  }
}
