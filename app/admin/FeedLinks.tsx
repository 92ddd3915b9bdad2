// Where scripts and status pages read announcements (server/events/feedRoutes.ts), and how a deploy
// pipeline posts one: shown on the admin page under the heading.
import { ANNOUNCEMENT_FEED_PATH } from "@/lib/contracts/announcementFeed";

const linkClass = "font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400";

export function FeedLinks() {
  return (
    <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
      For status pages and scripts:{" "}
      <a href={ANNOUNCEMENT_FEED_PATH} className={linkClass} type="application/atom+xml">
        Atom feed of public announcements
      </a>{" "}
      ·{" "}
      <a href="/api/announcements/current" className={linkClass}>
        what is on now (JSON)
      </a>
      . A deploy pipeline can post with a token that may post announcements (
      <a href="/settings" className={linkClass}>
        Settings
      </a>
      ).
    </p>
  );
}
