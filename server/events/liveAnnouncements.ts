// Keeps the streams in step with the database: what is visible now, published as events when it
// changes — after an admin edit (on any instance, via the bus) or when a start or end time passes
// (a timer set for the next such moment, so nothing waits for a request or a restart).
import type { AnnouncementView } from "../../lib/announcements/types";
import type { Logger } from "../log";
import type { AnnouncementStore } from "./announcementStore";
import { diffVisible } from "./changes";
import type { SseHub } from "./hub";

/** Longest single timer wait; setTimeout overflows past ~24.8 days and a periodic re-check is cheap. */
export const MAX_TIMER_WAIT_MS = 60 * 60_000;
/** Fire a hair after the boundary so the comparison `startsAt <= now` is already true. */
const TIMER_SLACK_MS = 5;

export class LiveAnnouncements {
  private visible = new Map<string, AnnouncementView>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private stopped = false;
  /** Told of announcements that just became visible (not on start-up); the away-email listens (awayMail.ts). */
  onAppeared: (list: AnnouncementView[]) => void = () => undefined;
  /** Told of visible announcements an edit just made critical (they were shown, not critical, before). */
  onEscalated: (list: AnnouncementView[]) => void = () => undefined;

  constructor(
    private readonly store: AnnouncementStore,
    private readonly hub: SseHub,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the current state without emitting anything (no stream is open yet). */
  async start(): Promise<void> {
    const { visible, nextChangeAt } = await this.store.current(this.now());
    this.visible = new Map(visible.map((a) => [a.id, a]));
    this.schedule(nextChangeAt);
  }

  /** What is shown right now, oldest start first. */
  current(): AnnouncementView[] {
    return [...this.visible.values()];
  }

  /**
   * Re-reads the database and publishes the difference. Runs one at a time; calls that arrive while
   * one runs collapse into a single follow-up, so a burst of edits costs two reads, not one per edit.
   */
  refresh(): Promise<void> {
    if (this.pending) return this.running;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      if (this.stopped) return;
      try {
        const { visible, nextChangeAt } = await this.store.current(this.now());
        if (this.stopped) return;
        const planned = diffVisible(this.visible, visible);
        const appeared = visible.filter((a) => !this.visible.has(a.id));
        const escalated = visible.filter((a) => a.severity === "critical" && this.visible.has(a.id) && this.visible.get(a.id)?.severity !== "critical");
        // An edit is re-sent to every viewer, but not to the accounts that dismissed or acknowledged
        // this version: a typo fix stays dismissed, a "show again" edit (new version) comes back.
        for (const p of planned) {
          const a = p.data as AnnouncementView;
          if (p.event !== "announcement-revoked" && this.visible.has(a.id)) p.to = { ...p.to, except: await this.store.hiddenFor(a.id, a.contentVersion) };
        }
        if (this.stopped) return;
        for (const p of planned) this.hub.publish(p.event, p.data, p.to, p.dedupe);
        this.visible = new Map(visible.map((a) => [a.id, a]));
        if (appeared.length > 0) this.onAppeared(appeared);
        if (escalated.length > 0) this.onEscalated(escalated);
        this.schedule(nextChangeAt);
      } catch (error) {
        this.log.error({ err: error }, "announcements refresh failed; retrying in a minute");
        this.schedule(this.now() + 60_000);
      }
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(at: number | null): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const wait = at === null ? MAX_TIMER_WAIT_MS : Math.min(Math.max(0, at - this.now()) + TIMER_SLACK_MS, MAX_TIMER_WAIT_MS);
    this.timer = setTimeout(() => void this.refresh(), wait);
    this.timer.unref();
  }
}
