// Rows for the announcement feeds and the unsubscribe link (server/events/feedRoutes.ts,
// server/api/unsubscribeRoutes.ts). /current answers every caller its own audience's list; only a
// bearer token that is not live is refused (401), so a script hears that its token is wrong; a stale
// cookie is a browser's and gets the public list. The Atom feed is public. The unsubscribe link is
// its own credential (a signed token for one account): whoever opens it, it works, and a bad one is 404.
// Its GET only shows a confirm page (mail scanners follow links), so the flag must stay on; the POST
// is RFC 8058's one-click form and turns it off.
import { unsubscribeToken } from "../../../server/mail/unsubscribe";
import { dead, everyone, http, signedIn, tokens } from "./cells";
import type { Row } from "./cells";
import type { Probe } from "./probe";
import type { Role } from "../support/world";

/** Opens the viewer's unsubscribe link as `role`, and checks the flag went off exactly when a POST succeeded. */
function unsubscribe(method: "GET" | "POST", okStatus: number) {
  return async (p: Probe, role: Role) => {
    const { id } = p.w.users.viewer;
    await p.w.services.db.user.update({ where: { id }, data: { announcementEmails: true } });
    const token = unsubscribeToken(id, p.w.services.config.sessionSecret);
    await p.w.prepare(role);
    const res = await fetch(`${p.w.url}/api/unsubscribe?token=${token}`, {
      method,
      headers: { ...p.w.headers(role), ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: method === "POST" ? "List-Unsubscribe=One-Click" : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    const off = !(await p.w.services.db.user.findUniqueOrThrow({ where: { id } })).announcementEmails;
    const shouldBeOff = method === "POST" && res.status === okStatus;
    return off === shouldBeOff ? res.status : `${res.status} but the flag is ${off ? "off" : "on"}`;
  };
}

export const ANNOUNCEMENT_FEED_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/announcements/current",
    perform: http("GET", "/api/announcements/current"),
    expect: { ...dead(200), revokedToken: 401, ...signedIn(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "GET /api/announcements/feed.atom",
    perform: http("GET", "/api/announcements/feed.atom"),
    expect: everyone(200),
  },
  { channel: "http", action: "GET /api/unsubscribe", perform: unsubscribe("GET", 200), expect: everyone(200) },
  { channel: "http", action: "POST /api/unsubscribe", perform: unsubscribe("POST", 204), expect: everyone(204) },
];
