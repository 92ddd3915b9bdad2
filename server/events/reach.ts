// Live reach figures on one instance. `delivered` is counted in memory as the hub writes an
// announcement to streams, and added to the durable counter column (Announcement.deliveredCount)
// once a second, so instances add up and a restart loses at most the last second. Every change of
// the figures (a flush here, or seen / dismissed / acknowledged on any instance, via the bus) makes
// each instance re-read them and push them to its administrators' streams, coalesced per
// announcement so a burst of tabs costs one read, not one per tab.
import type { EventBus } from "../bus/bus";
import type { Logger } from "../log";
import type { ReachSummary } from "../../lib/contracts/announcements";
import type { SseHub } from "./hub";
import type { ReachStore } from "./reachStore";

export const DELIVERED_FLUSH_MS = 1000;
/** At most one push of one announcement's figures per this long (trailing, so the last change shows). */
export const REACH_PUSH_MS = 300;

export class LiveReach {
  private readonly unflushed = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  hub: SseHub | undefined;

  constructor(
    private readonly store: ReachStore,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  /** The hub's onDelivered: counted now, written within a second. */
  delivered = (announcementId: string, streams: number): void => {
    this.unflushed.set(announcementId, (this.unflushed.get(announcementId) ?? 0) + streams);
    if (!this.flushTimer && !this.stopped) {
      this.flushTimer = setTimeout(() => void this.flush(), DELIVERED_FLUSH_MS);
      this.flushTimer.unref();
    }
  };

  /** Deliveries on this instance not yet in the database (added to what the reach route answers). */
  pendingDelivered(announcementId: string): number {
    return this.unflushed.get(announcementId) ?? 0;
  }

  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = [...this.unflushed];
    this.unflushed.clear();
    for (const [id, count] of batch) {
      try {
        await this.store.addDelivered(id, count);
        await this.bus.publish({ type: "announcement.reach", announcementId: id });
      } catch (err) {
        this.log.warn({ err, announcementId: id }, "could not store delivered count; keeping it for the next flush");
        this.unflushed.set(id, (this.unflushed.get(id) ?? 0) + count);
      }
    }
  }

  /** The figures changed somewhere: push them to this instance's administrators, soon. */
  changed(announcementId: string): void {
    if (this.stopped || this.pushTimers.has(announcementId)) return;
    const timer = setTimeout(() => {
      this.pushTimers.delete(announcementId);
      void this.push(announcementId);
    }, REACH_PUSH_MS);
    timer.unref();
    this.pushTimers.set(announcementId, timer);
  }

  private async push(announcementId: string): Promise<void> {
    if (!this.hub || this.hub.connectionCount === 0) return;
    try {
      const counts = await this.store.counts(announcementId);
      const summary: ReachSummary = { id: announcementId, ...counts, delivered: counts.delivered + this.pendingDelivered(announcementId) };
      this.hub.publishEphemeral("announcement-reach", summary, { viewers: ["admin"] });
    } catch (err) {
      // Deleted meanwhile, or the database hiccuped: the next change pushes again.
      this.log.debug({ err, announcementId }, "reach push skipped");
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pushTimers.values()) clearTimeout(timer);
    this.pushTimers.clear();
    await this.flush();
  }
}
