// Rows for the announcement feeds and the unsubscribe link (server/events/feedRoutes.ts,
// server/api/unsubscribeRoutes.ts). /current answers every caller its own audience's list; only a
// bearer token that is not live is refused (401), so a script hears that its token is wrong; a stale
// cookie is a browser's and gets the public list. The Atom feed is public. The unsubscribe link is
// its own credential (a signed token for one account): whoever opens it, it works, and a bad one is 404.
import { unsubscribeToken } from "../../../server/mail/unsubscribe";
import { dead, everyone, http, signedIn, tokens } from "./cells";
import type { Row } from "./cells";
import type { Probe } from "./probe";
import type { Role } from "../support/world";

/** Opens the viewer's unsubscribe link as `role`, and checks the flag went off exactly on success. */
function unsubscribe(method: "GET" | "POST", okStatus: number) {
  return async (p: Probe, role: Role) => {
    const { id } = p.w.users.viewer;
    await p.w.services.db.user.update({ where: { id }, data: { announcementEmails: true } });
    const token = unsubscribeToken(id, p.w.services.config.sessionSecret);
    const res = await p.http(method, `/api/unsubscribe?token=${token}`, role);
    const off = !(await p.w.services.db.user.findUniqueOrThrow({ where: { id } })).announcementEmails;
    return off === (res.status === okStatus) ? res.status : `${res.status} but the flag is ${off ? "off" : "on"}`;
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
