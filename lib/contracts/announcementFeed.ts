// HTTP contract of the announcement feeds for scripts and status pages (server/events/feedRoutes.ts):
//   GET /api/announcements/current   JSON, what the caller's audience sees now (no dismissals applied)
//   GET /api/announcements/feed.atom Atom 1.0, public (audience "everyone") announcements only
// Who the caller is decides the audience: signed out → "everyone" ones; signed in (cookie or any
// access token) → also "users"; an administrator with a browser session → also "admins" (an
// administrator's token sees what members see, as on the event stream). An Authorization header
// with no live token behind it is 401, so a script learns its token is wrong.
import { z } from "zod";
import { AnnouncementView } from "./announcements";
import { isoDateTime } from "./wire";

/** GET /api/announcements/current (200). Stable: fields may be added, none removed or renamed. */
export const CurrentAnnouncementsResponse = z.strictObject({
  /** Whose view this is: "anonymous", "user" or "admin". */
  viewer: z.enum(["anonymous", "user", "admin"]),
  /** When the server read the list. */
  generatedAt: isoDateTime,
  /** Active right now, oldest start first. */
  announcements: z.array(AnnouncementView),
});
export type CurrentAnnouncementsResponse = z.infer<typeof CurrentAnnouncementsResponse>;

/** Where the Atom feed is served (linked from the admin page and the README). */
export const ANNOUNCEMENT_FEED_PATH = "/api/announcements/feed.atom";
