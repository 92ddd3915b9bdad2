// A share link as a credential of its own kind. Whoever holds a link's token may open its one
// document with the link's role, on every channel bound to that document (HTTP read, collab,
// socket.io's document room), by either:
//  - the link cookie `tandem_link_<documentId>` (HttpOnly, SameSite=Lax), set when /s/<token> is
//    opened; like the session cookie it is trusted only from our own origin;
//  - `?link=<token>` on the collab WebSocket (a bearer, like `?token=`), for scripts and stock clients.
// A signed-in member keeps their own role when it is at least the link's; anyone else (signed in or
// not) gets the link's role while the link lives, and their connections are registered with it as
// their entry link (server/access/liveAccess.ts ends them when it is revoked or expires).
// Failed lookups are rate-limited per address, so tokens cannot be guessed (they are 256 bits anyway)
// and the database is not hammered. Tokens are never logged.
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Redis } from "ioredis";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { digest, limiterFactory } from "./throttle";
import { LinkToken } from "../../lib/contracts/shareLinks";
import { DocumentId } from "../../lib/contracts/ids";
import type { Config } from "../config";
import { clientAddress } from "../http/clientAddress";
import { parseCookies } from "../http/cookies";
import { isSameOrigin } from "../http/origin";
import { DomainError } from "../domain/errors";
import type { LiveLink, ShareLinks } from "../domain/shareLinks";
import type { Role } from "../bus/events";
import type { AuthUser } from "./auth";

export const LINK_COOKIE_PREFIX = "tandem_link_";
export const linkCookieName = (documentId: string) => `${LINK_COOKIE_PREFIX}${documentId}`;

/** A link cookie lasts as long as its link (a year at most; a link without expiry: 30 days, renewed on each opening). */
export function linkCookie(documentId: string, token: string, expiresAt: Date | null, secure: boolean): string {
  const maxAge = expiresAt ? Math.max(0, Math.ceil((expiresAt.getTime() - Date.now()) / 1000)) : 30 * 24 * 3600;
  return [`${linkCookieName(documentId)}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearLinkCookie(documentId: string, secure: boolean): string {
  return [`${linkCookieName(documentId)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

/** A visitor without an account, as presence and awareness show them: "Guest", one id per connection. */
export function guestUser(): AuthUser {
  return { id: `guest-${crypto.randomBytes(9).toString("base64url")}`, name: "Guest", email: "", isAdmin: false };
}
export const isGuestId = (userId: string) => userId.startsWith("guest-");

/** Failed link lookups one address may make in a minute before it is told to slow down. */
export const FAILED_LOOKUPS_PER_MINUTE = 20;

const MAX_LINK_COOKIES_READ = 5;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** How a caller reaches a document: as a member, through a link (its entry link), or not at all. */
export type DocumentEntry = { kind: "member"; role: Role } | { kind: "link"; role: Role; link: LiveLink } | { kind: "none" };

export class LinkCredentials {
  /** Counted in Redis with REDIS_URL (every instance together, as the sign-in limits), else in this process. */
  private readonly failures: RateLimiterAbstract;

  constructor(
    private readonly links: ShareLinks,
    private readonly config: Config,
    redis?: Redis,
  ) {
    this.failures = limiterFactory(redis, config.redisPrefix)("link-lookup", FAILED_LOOKUPS_PER_MINUTE, 60);
  }

  /**
   * The live link behind a token, or null. Throws rate_limited once the address has failed too often
   * (checked before looking, so a guesser gains nothing from parallel requests).
   */
  async lookup(req: IncomingMessage, token: string): Promise<LiveLink | null> {
    // A digest: no address is written to Redis (as with the sign-in limits).
    const address = digest("link-lookup", clientAddress(req, this.config));
    const res = await this.failures.get(address);
    if (res && res.consumedPoints >= FAILED_LOOKUPS_PER_MINUTE) throw slowDown(res);
    const link = LinkToken.safeParse(token).success ? await this.links.live(token) : null;
    if (!link) {
      await this.failures.consume(address).catch((r: unknown) => {
        if (r instanceof RateLimiterRes) throw slowDown(r);
        throw r;
      });
    }
    return link;
  }

  /**
   * The link this request carries that opens `documentId` (query first, then the cookies), if it is
   * live: one made on the document itself, or on a page above it that it inherits access from (the
   * cookie is named after the link's own page). The higher role wins when it carries several.
   */
  async linkFor(req: IncomingMessage, documentId: string, url?: URL): Promise<LiveLink | null> {
    if (!DocumentId.safeParse(documentId).success) return null;
    const fromQuery = url?.searchParams.get("link");
    // A cookie is sent whichever site made the request: only our own pages may use it.
    const cookies = isSameOrigin(req, this.config) ? parseCookies(req.headers.cookie) : new Map<string, string>();
    if (!fromQuery && cookies.size === 0) return null;
    // Only the pages above are looked up when a cookie or a query could be for one of them.
    const chain = fromQuery || [...cookies.keys()].some((n) => n.startsWith(LINK_COOKIE_PREFIX)) ? await this.links.openedBy(documentId) : [];
    if (fromQuery) {
      const link = await this.lookup(req, fromQuery);
      return link && chain.includes(link.documentId) ? link : null;
    }
    let best: LiveLink | null = null;
    for (const pageId of chain) {
      const token = cookies.get(linkCookieName(pageId));
      if (!token) continue;
      const link = await this.lookup(req, token);
      if (link?.documentId === pageId && (!best || RANK[link.role] > RANK[best.role])) best = link;
    }
    return best;
  }

  /** Every live link whose cookie the request carries (a guest's event stream ends with them). At most a few are read. */
  async linksIn(req: IncomingMessage): Promise<LiveLink[]> {
    const found: LiveLink[] = [];
    const names = [...parseCookies(req.headers.cookie).keys()].filter((n) => n.startsWith(LINK_COOKIE_PREFIX)).slice(0, MAX_LINK_COOKIES_READ);
    for (const name of names) {
      const link = await this.linkFor(req, name.slice(LINK_COOKIE_PREFIX.length)).catch(() => null);
      if (link) found.push(link);
    }
    return found;
  }

  /** The caller's way into the document: their membership, unless a link they carry gives more. */
  async entry(memberRole: Role | null, req: IncomingMessage, documentId: string, url?: URL): Promise<DocumentEntry> {
    if (memberRole === "owner") return { kind: "member", role: memberRole };
    const link = await this.linkFor(req, documentId, url);
    if (link && (memberRole === null || RANK[link.role] > RANK[memberRole])) return { kind: "link", role: link.role, link };
    return memberRole ? { kind: "member", role: memberRole } : { kind: "none" };
  }
}

function slowDown(res: RateLimiterRes): DomainError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new DomainError("rate_limited", "Too many links that do not work were tried from your network. Wait a minute and try again.", undefined, seconds);
}
