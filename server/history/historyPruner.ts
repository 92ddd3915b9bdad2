// Retention of automatic versions (HISTORY_KEEP_AUTO_DAYS): once at start, then hourly, like the trash
// purger. Every instance runs it in the hosted mode; removing a version already gone does nothing.
import type { Logger } from "../log";
import type { History } from "./history";

export const HISTORY_PRUNE_EVERY_MS = 3600_000;

/** Starts pruning; the returned function stops it. */
export function startHistoryPruner(history: History, log: Logger, everyMs = HISTORY_PRUNE_EVERY_MS): () => void {
  const run = () =>
    history
      .pruneExpired()
      .then((pruned) => {
        if (pruned.versions + pruned.deletions > 0) log.info(pruned, "history: removed automatic versions past their retention");
      })
      .catch((err) => log.error({ err }, "history: pruning failed"));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
