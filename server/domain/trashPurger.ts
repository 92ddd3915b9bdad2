// Deletes for good what has waited out its days in the trash: once at start, then hourly. Every
// instance runs it in the hosted mode; the delete is idempotent, so two at once only do the work twice.
import type { Logger } from "../log";
import type { Trash } from "./trash";

export const TRASH_PURGE_EVERY_MS = 3600_000;

/** Starts purging; the returned function stops it. */
export function startTrashPurger(trash: Trash, log: Logger, everyMs = TRASH_PURGE_EVERY_MS): () => void {
  const run = () =>
    trash
      .purgeExpired()
      .then((purged) => {
        if (purged > 0) log.info({ purged }, "trash: deleted for good what was trashed too long ago");
      })
      .catch((err) => log.error({ err }, "trash: purge failed"));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
