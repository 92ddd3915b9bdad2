// Authentication: accounts, sessions and personal access tokens. Every channel (HTTP, WebSocket,
// socket.io, SSE) resolves its caller through `authenticate`, so there is one rule for all of them.
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Db } from "../db/client";
import type { Config } from "../config";
import { ApiError } from "../http/errors";
import { parseCookies, SESSION_COOKIE } from "../http/cookies";
import { hashPassword, verifyPassword, dummyHashPromise } from "./password";
import { hashToken, newToken } from "./tokens";
import { AuthThrottle } from "./throttle";
import { checkNewPassword } from "./passwordPolicy";
import { formatScopes, parseScopes, type Scope } from "./scopes";
import type { Redis } from "ioredis";
import { BatchLoader, BatchWrite } from "../db/batchLoader";
import { RecentCache } from "../db/recentCache";
import { sessionsByHash, tokensByHash } from "../db/stormReads";

export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
export const TOKEN_PREFIX = "tdm_";
/** Sessions and tokens record their last use at most this often. */
export const LAST_USED_INTERVAL_MS = 60_000;
/** The longest User-Agent kept with a session (they can be kilobytes long). */
const USER_AGENT_MAX = 512;
/** How long `authenticateRecent` may answer from memory (revocations and deactivations forget at once). */
export const RECENT_CALLER_TTL_MS = 15_000;
export const DEACTIVATED_MESSAGE = "This account has been deactivated. Ask an administrator of this Tandem to reactivate it.";

export type AuthUser = { id: string; email: string; name: string; isAdmin: boolean };
/**
 * Who is calling, how, and with which credential (its id, see `credentialId`). `expiresAt`: when the
 * credential stops working (a session's end; null for access tokens, which last until revoked), so
 * that connections opened with it can end then (server/access/liveAccess.ts).
 */
export type Caller = {
  user: AuthUser;
  via: "cookie" | "token";
  credentialId: string;
  expiresAt: Date | null;
  /** A token's scopes (server/auth/scopes.ts); a session may do everything its account may. */
  scopes?: readonly Scope[];
};

type PresentedCredential = { secret: string; via: Caller["via"] };

/** The credential a request presents: a bearer token (header, or `?token=` for WebSockets), else the session cookie. */
function credentialIn(req: IncomingMessage, url?: URL): PresentedCredential | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? url?.searchParams.get("token");
  if (bearer) return { secret: bearer, via: "token" };
  const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  return cookie ? { secret: cookie, via: "cookie" } : null;
}

const publicUser = (u: AuthUser): AuthUser => ({ id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin });

export class Auth {
  readonly throttle: AuthThrottle;
  // Credentials looked up together (a reconnect storm) are read in one query each (db/batchLoader.ts).
  private readonly sessionsByHash = new BatchLoader((hashes: string[]) => sessionsByHash(this.db, hashes));
  private readonly tokensByHash = new BatchLoader((hashes: string[]) => tokensByHash(this.db, hashes));
  // "Last used" of the credentials used together, recorded in one UPDATE per kind (informational only).
  private readonly sessionsUsed = new BatchWrite((ids: string[]) =>
    this.db.session.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: new Date() } }),
  );
  private readonly tokensUsed = new BatchWrite((ids: string[]) =>
    this.db.accessToken.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: new Date() } }),
  );
  /** Callers by credential id, for `authenticateRecent`; kept honest by server/access/recentLookups.ts. */
  private readonly recentCallers = new RecentCache<string, Caller | null>(RECENT_CALLER_TTL_MS);

  /** `redis`: the server's shared connection in hosted mode, so sign-in limits count across instances. */
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    redis?: Redis,
  ) {
    this.throttle = new AuthThrottle(redis, config.redisPrefix);
  }

  /**
   * `address`: the caller's, counted against the sign-up limit; null for a process on this machine or
   * the server's own code (not counted). ADMIN_EMAILS makes an account administrator only when it
   * signs up from this machine: nothing proves that a visitor over the network owns the address (no
   * email verification yet), and whoever registered it first would otherwise be admin.
   */
  async signup(input: { email: string; password: string; name: string }, address: string | null = null): Promise<AuthUser> {
    const email = input.email.toLowerCase();
    if (address !== null) await this.throttle.beginSignup(address);
    checkNewPassword(input.password, { email, name: input.name });
    if (await this.db.user.findUnique({ where: { email } })) {
      throw new ApiError("conflict", "An account with this email already exists. Try signing in.", "email");
    }
    const passwordHash = await hashPassword(input.password);
    const isAdmin = this.config.adminEmails.length > 0 ? address === null && this.config.adminEmails.includes(email) : (await this.db.user.count()) === 0;
    try {
      const user = await this.db.user.create({
        data: { id: crypto.randomUUID(), email, name: input.name, passwordHash, isAdmin },
      });
      return publicUser(user);
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") {
        throw new ApiError("conflict", "An account with this email already exists. Try signing in.", "email");
      }
      throw e;
    }
  }

  async login(input: { email: string; password: string }, address: string): Promise<AuthUser> {
    const email = input.email.toLowerCase();
    // Counted before the password is checked, so parallel guesses cannot overrun the limits.
    const attempt = await this.throttle.beginSignIn(email, address);
    const user = await this.db.user.findUnique({ where: { email } });
    const ok = user ? await verifyPassword(input.password, user.passwordHash) : (await dummyHashPromise, false);
    if (!user || !ok) {
      await attempt.failed();
      throw new ApiError("unauthorized", "That email and password do not match an account.");
    }
    await attempt.succeeded();
    // Told only to someone who knows the password: nobody else learns the account's standing.
    if (user.deactivatedAt) throw new ApiError("forbidden", DEACTIVATED_MESSAGE);
    return publicUser(user);
  }

  /** `userAgent`: the browser's, shown in Settings' "signed-in sessions" (kept short). */
  async createSession(userId: string, userAgent?: string): Promise<string> {
    const token = newToken();
    const now = new Date();
    await this.db.session.create({
      data: {
        id: crypto.randomUUID(),
        userId,
        tokenHash: hashToken(token, this.config.sessionSecret),
        expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
        userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
        lastUsedAt: now,
      },
    });
    return token;
  }

  /** The stable id of a session token or access token (its keyed hash, as stored): safe to log and publish. */
  credentialId(secret: string): string {
    return hashToken(secret, this.config.sessionSecret);
  }

  /** Ends the session; returns its credential id so that connections opened with it can be ended too. */
  async endSession(token: string): Promise<string> {
    const credentialId = this.credentialId(token);
    await this.db.session.deleteMany({ where: { tokenHash: credentialId } });
    return credentialId;
  }

  async userFromSessionToken(token: string): Promise<AuthUser | null> {
    return (await this.sessionOf(token))?.user ?? null;
  }

  private async sessionOf(token: string): Promise<{ user: AuthUser; expiresAt: Date } | null> {
    const session = await this.sessionsByHash.load(hashToken(token, this.config.sessionSecret));
    if (!session || session.user.deactivatedAt) return null;
    if (session.expiresAt.getTime() < Date.now()) {
      await this.db.session.delete({ where: { id: session.id } }).catch(() => {});
      return null;
    }
    // Record use at most once a minute, as for tokens: informational, not worth a write per request.
    if (!session.lastUsedAt || Date.now() - session.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
      this.sessionsUsed.mark(session.id);
    }
    return { user: publicUser(session.user), expiresAt: session.expiresAt };
  }

  async userFromAccessToken(token: string): Promise<AuthUser | null> {
    return (await this.accessTokenOf(token))?.user ?? null;
  }

  /** The token's account and scopes, or null when it is not a live token. */
  async accessTokenOf(token: string): Promise<{ user: AuthUser; scopes: Scope[] } | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.tokensByHash.load(hashToken(token, this.config.sessionSecret));
    if (!row || row.user.deactivatedAt) return null;
    // Record use at most once a minute: it is informational, not worth a write per request.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
      this.tokensUsed.mark(row.id);
    }
    return { user: publicUser(row.user), scopes: parseScopes(row.scopes) };
  }

  /**
   * Who is calling: a session cookie, `Authorization: Bearer <token>`, or (for WebSocket clients that
   * cannot set headers) `?token=` on the URL. Returns how the caller authenticated too, because a
   * cookie is only trusted for same-origin use.
   */
  async authenticate(req: IncomingMessage, url?: URL): Promise<Caller | null> {
    const credential = credentialIn(req, url);
    return credential ? this.resolve(credential) : null;
  }

  /**
   * `authenticate` for the paths that come in storms (collab upgrades): a credential seen in the last
   * few seconds is answered from memory. Revoking it (sign-out, token revoked) or deactivating the
   * account forgets it at once, on every instance (the bus, server/access/recentLookups.ts); a session
   * past its expiry is looked up again (and refused).
   */
  async authenticateRecent(req: IncomingMessage, url?: URL): Promise<Caller | null> {
    const credential = credentialIn(req, url);
    if (!credential) return null;
    const id = this.credentialId(credential.secret);
    const caller = await this.recentCallers.get(
      id,
      () => this.resolve(credential),
      (c) => c !== null,
    );
    if (caller?.expiresAt && caller.expiresAt.getTime() <= Date.now()) {
      this.recentCallers.forget(id);
      return this.resolve(credential);
    }
    return caller;
  }

  /** The credential was revoked: `authenticateRecent` reads it again. */
  forgetCredential(credentialId: string): void {
    this.recentCallers.forget(credentialId);
  }

  /** The account changed standing (deactivated, reactivated): `authenticateRecent` reads its credentials again. */
  forgetAccount(userId: string): void {
    this.recentCallers.forgetWhere((caller) => caller?.user.id === userId);
  }

  private async resolve({ secret, via }: PresentedCredential): Promise<Caller | null> {
    if (via === "token") {
      const token = await this.accessTokenOf(secret);
      return token ? { ...token, via, credentialId: this.credentialId(secret), expiresAt: null } : null;
    }
    const session = await this.sessionOf(secret);
    return session ? { ...session, via, credentialId: this.credentialId(secret) } : null;
  }

  /**
   * The credential a request carries, unchecked: which secret, and how it came. For a connection that
   * is already registered with the access authority (which ends it when the credential dies), its id
   * alone tells whether a later request comes with the same one, without a database read.
   */
  presented(req: IncomingMessage, url?: URL): PresentedCredential | null {
    return credentialIn(req, url);
  }

  async createAccessToken(userId: string, name: string, scopes: readonly Scope[] = ["documents:read", "documents:write"]) {
    const token = newToken(TOKEN_PREFIX);
    const row = await this.db.accessToken.create({
      data: { id: crypto.randomUUID(), userId, name, tokenHash: hashToken(token, this.config.sessionSecret), scopes: formatScopes(scopes) },
    });
    return { id: row.id, name: row.name, createdAt: row.createdAt, scopes: parseScopes(row.scopes), token };
  }

  async listAccessTokens(userId: string) {
    const rows = await this.db.accessToken.findMany({
      where: { userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, scopes: true },
      orderBy: { createdAt: "desc" },
    });
    return rows.map((row) => ({ ...row, scopes: parseScopes(row.scopes) }));
  }

  /** Deletes one of the user's tokens; returns its credential id, or null when there was no such token. */
  async revokeAccessToken(userId: string, id: string): Promise<string | null> {
    const row = await this.db.accessToken.findFirst({ where: { id, userId }, select: { tokenHash: true } });
    if (!row) return null;
    const { count } = await this.db.accessToken.deleteMany({ where: { id, userId } });
    return count > 0 ? row.tokenHash : null;
  }
}
