// `Document.updatedAt` while edits flow: each open document is bumped at most once per interval, and
// the documents due are gathered for a moment and bumped in one query (one per second, not per edit
// or per document).
import type { Logger } from "../log";
import { TOUCH_BATCH_MS } from "./limits";

/** The edit clock of one open room: a reloaded or reopened room starts a fresh one. */
export type DocumentTouch = { edited(now: number): void };

export class TouchBatcher {
  private readonly due = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly touch: (documentIds: string[]) => Promise<void>,
    private readonly log: Logger,
    /** At most one bump per document per this many ms (performance.now() time). */
    private readonly intervalMs: number,
  ) {}

  forDocument(documentId: string): DocumentTouch {
    let lastTouchedAt = -Infinity;
    return {
      edited: (now) => {
        if (now - lastTouchedAt < this.intervalMs) return;
        lastTouchedAt = now;
        this.due.add(documentId);
        this.timer ??= setTimeout(() => void this.flush(), TOUCH_BATCH_MS);
      },
    };
  }

  /** Bumps every document due now (shutdown calls it; a failure is logged, never thrown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.due.size === 0) return;
    const documentIds = [...this.due];
    this.due.clear();
    await this.touch(documentIds).catch((err) => this.log.warn({ err, documents: documentIds.length }, "touch failed"));
  }
}
