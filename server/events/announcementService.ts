// The announcement use cases, transport-free (errors are DomainError): every change is stored, then
// announced on the bus so that each instance's streams (LiveAnnouncements, via the events channel's
// bus listener) catch up. One instance in Services, for the HTTP routes and the stream alike.
import type { AdminAnnouncement, AnnouncementView, ViewerKind } from "../../lib/announcements/types";
import { matchesTargetPath } from "../../lib/announcements/targetPath";
import type { Db } from "../db/client";
import { BusUnreachable, type EventBus } from "../bus/bus";
import { DomainError, unauthorized } from "../domain/errors";
import type { AuthUser } from "../auth/auth";
import { viewerOf, viewersOf } from "./audience";
import { AnnouncementStore, toAdmin } from "./announcementStore";
import type { CreateAnnouncementInput, UpdateAnnouncementInput } from "./schemas";
import type { AnnouncementReach, RemindResponse } from "../../lib/contracts/announcements";
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import { ReachStore } from "./reachStore";
import { ReachReports } from "./reachReports";
import type { DatabaseKind } from "./reachWrites";
import { LiveReach } from "./reach";
import { ReminderMail } from "./reminderMail";
import { ReminderClaims } from "./reminderClaims";
import type { StreamPresence } from "./streamPresence";

export class AnnouncementService {
  /** The stored announcements; the events channel reads through it too (what is live, dismissals). */
  readonly store: AnnouncementStore;
  readonly reachStore: ReachStore;
  /** This instance's live figures; the events channel hands it the hub. */
  readonly liveReach: LiveReach;
  /** Seen, acknowledged, dismissed: the viewers' reports, batched and cheap (reachReports.ts). */
  readonly reports: ReachReports;
  /** Where links in emails point; the events channel sets it once the server listens (awayMail.ts). */
  mailOrigin: (() => string) | undefined;
  /** Who has a stream open on any instance; the events channel sets it (streamPresence.ts). */
  presence: StreamPresence | undefined;
  /** Reminder emails, once per account per cooldown (absent without a mailer). */
  readonly reminderMail: ReminderMail | undefined;

  constructor(
    db: Db,
    private readonly bus: EventBus,
    deps: {
      log: Logger;
      mailer?: Mailer;
      sessionSecret: string;
      databaseKind: DatabaseKind;
      seenFlushMs?: number;
      reminderEmailCooldownMs: number;
    },
  ) {
    this.store = new AnnouncementStore(db);
    const { mailer, log, sessionSecret } = deps;
    this.reminderMail = mailer && new ReminderMail({ mailer, log, sessionSecret, claims: new ReminderClaims(db, deps.reminderEmailCooldownMs) });
    this.reachStore = new ReachStore(db);
    this.liveReach = new LiveReach(this.reachStore, bus, deps.log);
    this.reports = new ReachReports(db, deps.databaseKind, bus, deps.log, deps.seenFlushMs);
  }

  async list(): Promise<AdminAnnouncement[]> {
    const now = Date.now();
    return (await this.store.list()).map((row) => toAdmin(row, now));
  }

  async create(admin: AuthUser, input: CreateAnnouncementInput): Promise<AdminAnnouncement> {
    const row = await this.store.create(input, admin.id);
    await this.changed(() => this.store.remove(row.id));
    return toAdmin(row);
  }

  async update(id: string, input: UpdateAnnouncementInput): Promise<AdminAnnouncement> {
    const before = await this.store.find(id);
    const row = await this.store.update(id, input);
    await this.changed(async () => before && (await this.store.restore(before)));
    return toAdmin(row);
  }

  async revoke(id: string): Promise<AdminAnnouncement> {
    const before = await this.store.find(id);
    const row = await this.store.revoke(id);
    await this.changed(async () => before && !before.revokedAt && (await this.store.restore(before)));
    return toAdmin(row);
  }

  /** Active for this caller, minus what they dismissed; `path` narrows to one page's announcements. */
  async activeFor(user: AuthUser | null, path: string | null): Promise<AnnouncementView[]> {
    const viewer = viewerOf(user);
    // Read from the database, not the streams' copy, so the list works (and is current) on its own.
    const [{ visible }, dismissed] = await Promise.all([this.store.current(Date.now()), user ? this.store.hiddenIds(user.id) : new Set<string>()]);
    return visible.filter((a) => visibleTo(a, viewer) && !dismissed.has(a.id) && (path === null || matchesTargetPath(a.targetPath, path)));
  }

  async dismiss(user: AuthUser, id: string): Promise<void> {
    await this.reports.dismiss(user.id, viewerOf(user), id);
  }

  /** "I have read this": gone from every stream of this account, on every instance. */
  async acknowledge(user: AuthUser, id: string): Promise<void> {
    await this.reports.acknowledge(user.id, viewerOf(user), id);
  }

  /** The browser's batched report of what it rendered in a visible tab; resolves once it is stored. */
  async markSeen(user: AuthUser, ids: readonly string[]): Promise<void> {
    await this.reports.markSeen(user.id, viewerOf(user), ids);
  }

  async reach(id: string): Promise<AnnouncementReach> {
    const [{ pendingCount: _, ...counts }, pending] = await Promise.all([this.reachStore.counts(id), this.reachStore.pending(id)]);
    return { ...counts, delivered: counts.delivered + this.liveReach.pendingDelivered(id), pending };
  }

  /**
   * Shows it again, now, in every open tab of the accounts that have not acknowledged it; emails those
   * of them with no open stream on any instance (mail set up, still subscribed, not emailed about it
   * within the cooldown: pressing twice, or on two instances at once, sends one email).
   */
  async remind(id: string): Promise<RemindResponse> {
    const view = await this.reachStore.view(id);
    if (!view.requiresAck) throw new DomainError("conflict", "Only announcements that ask for confirmation can be reminded.");
    if (!view.live) throw new DomainError("conflict", "This announcement is no longer shown; publish a new one instead.");
    const pending = await this.reachStore.pending(id);
    const online = this.presence ? await this.presence.online(pending.map((p) => p.id)) : new Set<string>();
    // Refused (BusUnreachable) before any tab or email is told: the administrator may simply try again.
    if (pending.length > 0) await this.bus.publishOrFail({ type: "announcement.remind", announcementId: id, userIds: pending.map((p) => p.id) });
    const away = pending.filter((p) => !online.has(p.id));
    const counts = { pending: pending.length, inApp: pending.length - away.length, away: away.length };
    const mail = this.reminderMail;
    if (!mail?.delivers || !this.mailOrigin) return { ...counts, emailed: 0, skippedRecentlyReminded: 0, emailEnabled: false };
    const sent = await mail.send({ id, title: view.title }, await this.reachStore.subscribed(away), this.mailOrigin());
    return { ...counts, ...sent, emailEnabled: true };
  }

  /**
   * Tells every instance (this one too: its listener refreshes LiveAnnouncements). When the bus cannot
   * (Redis went down after the route's check, server/events/deliveryGate.ts), nobody heard of the
   * change, so `undo` puts the stored row back as it was and BusUnreachable goes on to the caller.
   */
  private async changed(undo: () => Promise<unknown>): Promise<void> {
    try {
      await this.bus.publishOrFail({ type: "announcements.changed" });
    } catch (err) {
      if (err instanceof BusUnreachable) await undo();
      throw err;
    }
  }
}

export const visibleTo = (a: AnnouncementView, viewer: ViewerKind): boolean => viewersOf(a.audience).includes(viewer);

export function assertAdmin(user: AuthUser | null): AuthUser {
  if (!user) throw unauthorized();
  if (!user.isAdmin) throw new DomainError("forbidden", "You need to be an administrator to manage announcements.");
  return user;
}
