// Announcements for scripts and status pages: `GET /api/announcements/current` (JSON, the caller's
// audience, active now) and `GET /api/announcements/feed.atom` (Atom, public announcements only).
// The shapes are lib/contracts/announcementFeed.ts; both read the database, so any instance answers
// the same. Registered by app.ts beside the announcement routes.
import type { Router, RouteContext } from "../http/router";
import type { Services } from "../services";
import type { AnnouncementView } from "../../lib/announcements/types";
import { ANNOUNCEMENT_FEED_PATH, type CurrentAnnouncementsResponse } from "../../lib/contracts/announcementFeed";
import { announcementUser, viewerOf } from "./audience";
import { visibleTo } from "./announcementService";
import { toView } from "./announcementStore";
import { atomFeed } from "./atomFeed";
import { unauthorized } from "../domain/errors";

/** Entries in the feed: public announcements not withdrawn that are on, upcoming, or ended lately. */
export const FEED_LIMIT = 50;
export const FEED_ENDED_WITHIN_MS = 30 * 24 * 60 * 60_000;
/** Feed readers poll; a minute of caching spares the database and is fresh enough for notices. */
const FEED_MAX_AGE_SECONDS = 60;

export function registerAnnouncementFeedRoutes(router: Router, services: Services): void {
  router.on("GET", "/api/announcements/current", async (ctx) => {
    const caller = await services.auth.authenticate(ctx.req);
    // A script that sends a token it got wrong (revoked, mistyped) hears so, instead of quietly
    // being answered the signed-out view. A stale cookie is a browser's: it sees the public list.
    if (!caller && ctx.req.headers.authorization) throw unauthorized();
    const user = announcementUser(caller);
    const viewer = viewerOf(user);
    const now = Date.now();
    const { visible } = await services.announcements.store.current(now);
    const body: CurrentAnnouncementsResponse = {
      viewer,
      generatedAt: new Date(now).toISOString(),
      announcements: visible.filter((a) => visibleTo(a, viewer)),
    };
    return { body };
  });

  router.on("GET", ANNOUNCEMENT_FEED_PATH, async (ctx) => {
    const now = Date.now();
    const rows = await services.db.announcement.findMany({
      where: { audience: "everyone", revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: new Date(now - FEED_ENDED_WITHIN_MS) } }] },
      orderBy: { updatedAt: "desc" },
      take: FEED_LIMIT,
    });
    const announcements: AnnouncementView[] = rows.map(toView);
    const origin = originOf(ctx, services);
    const xml = atomFeed({ origin, selfUrl: `${origin}${ANNOUNCEMENT_FEED_PATH}`, announcements, now });
    ctx.res.writeHead(200, {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": `public, max-age=${FEED_MAX_AGE_SECONDS}`,
      "X-Content-Type-Options": "nosniff",
    });
    ctx.res.end(xml);
  });
}

/** PUBLIC_URL's origin when set; else the address the request came to (as the sign-in emails do). */
function originOf(ctx: RouteContext, services: Services): string {
  if (services.config.publicUrl) return services.config.publicUrl.origin;
  const host = ctx.req.headers.host;
  return host && /^[\w.:[\]-]+$/.test(host) ? `http://${host}` : "http://localhost";
}
