// Email for those who were away: when a critical announcement starts (created active, or its
// scheduled start comes), accounts in its audience with no open event stream get it by email, once.
//
// Exactly once across instances, by a row per (announcement, account) in AnnouncementMail, inserted
// BEFORE anything is sent (its primary key is the pair): whoever's insert goes in acts, any other
// instance's insert fails and it does nothing. The steps, on every instance that sees the start
// (each does, through its LiveAnnouncements; the bus tells them all of a new announcement):
//   1. at once: insert "online" for every account with an open stream on this instance;
//   2. after ANNOUNCEMENT_EMAIL_DELAY_MS (5 s), again for streams open now (a browser that was just
//      reconnecting), then for each account in the audience insert "sent" and, if that insert went
//      in, send. An account some instance marked online in step 1 or 2 is never mailed.
// So "away" means: no stream on any instance from the start until the delay ends (an instance that is
// more than the delay late to hear of the start could not vouch for its streams; mail goes anyway).
// A failed send is marked "failed" and not retried (at most once beats twice). Only with SMTP_URL.
// Edits: editing a critical announcement mails no one (it did not start again). An edit that makes a
// shown announcement critical counts as its start for this purpose: the same two steps run from the
// moment of the edit, so those away then are mailed, and the rows keep everyone at one email per
// announcement (an account already mailed, or marked online before, is never mailed again).
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AnnouncementView } from "../../lib/announcements/types";
import type { Services } from "../services";
import type { SseHub } from "./hub";
import type { LiveAnnouncements } from "./liveAnnouncements";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import { unsubscribeUrl } from "../mail/unsubscribe";
import { isGuestId } from "../auth/linkCredential";
import { toView } from "./announcementStore";
import { isVisible } from "./schedule";
import { awayMailMessage } from "./awayMailMessage";

/** On start-up, a critical announcement that began this recently is looked at again (a deploy restarts us). */
export const CATCH_UP_WINDOW_MS = 15 * 60_000;
const PAGE = 500;
const SENDS_AT_ONCE = 4;

export type AwayMailDeps = {
  db: Db;
  mailer: Mailer;
  log: Logger;
  config: Pick<Config, "sessionSecret" | "announcementEmailDelayMs">;
  /** Accounts with an open event stream on this instance right now. */
  accountsOnline: () => Iterable<string>;
  /** Where links in the email point (PUBLIC_URL, else this server's address). */
  origin: () => string;
  now?: () => number;
};

export class AwayMail {
  private readonly seen = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: AwayMailDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Announcements that just became visible on this instance (LiveAnnouncements' diff). */
  started(list: readonly AnnouncementView[]): void {
    if (!this.deps.mailer.delivers || this.stopped) return;
    for (const a of list) {
      if (a.severity !== "critical" || this.seen.has(a.id)) continue;
      this.seen.add(a.id);
      this.track(this.recordOnline(a.id, a.audience === "admins"));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.track(this.mailAway(a.id));
      }, this.deps.config.announcementEmailDelayMs);
      this.timers.add(timer);
    }
  }

  /** Shown announcements an edit just made critical: mailed as if they started now (rows keep it once). */
  escalated(list: readonly AnnouncementView[]): void {
    for (const a of list) this.seen.delete(a.id);
    this.started(list);
  }

  /** At start-up: what is visible now and began lately may not have been mailed (we were down). */
  catchUp(visible: readonly AnnouncementView[]): void {
    const since = this.now() - CATCH_UP_WINDOW_MS;
    this.started(visible.filter((a) => Date.parse(a.startsAt) >= since));
  }

  /** Waits for sends under way (tests, shutdown); timers not yet due are dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Settles when every pass begun so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.timers.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private track(p: Promise<void>): void {
    const guarded = p.catch((err) => this.deps.log.error({ err }, "announcement email pass failed"));
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
  }

  /** Marks the accounts with a stream here as online for this announcement (no mail for them). */
  private async recordOnline(announcementId: string, adminsOnly: boolean): Promise<void> {
    const here = [...new Set(this.deps.accountsOnline())].filter((id) => !isGuestId(id));
    if (here.length === 0) return;
    // Only accounts in the audience: the rows are the audience's, one each.
    const online = adminsOnly
      ? (await this.deps.db.user.findMany({ where: { id: { in: here }, isAdmin: true }, select: { id: true } })).map((u) => u.id)
      : here;
    if (online.length === 0) return;
    const have = new Set(
      (await this.deps.db.announcementMail.findMany({ where: { announcementId, userId: { in: online } }, select: { userId: true } })).map((r) => r.userId),
    );
    const missing = online.filter((id) => !have.has(id));
    if (missing.length === 0) return;
    try {
      await this.deps.db.announcementMail.createMany({ data: missing.map((userId) => ({ announcementId, userId, outcome: "online" })) });
    } catch (e) {
      if (!isUniqueViolation(e) && !isMissingRow(e)) throw e;
      // Another instance (or the sender) got some of them first, or an account was deleted: one by one.
      for (const userId of missing) await this.claim(announcementId, userId, "online");
    }
  }

  private async mailAway(announcementId: string): Promise<void> {
    if (this.stopped) return;
    const row = await this.deps.db.announcement.findUnique({ where: { id: announcementId } });
    // Withdrawn, ended or made non-critical meanwhile: nothing to tell anyone.
    if (row?.severity !== "critical" || !isVisible(row, this.now())) return;
    await this.recordOnline(announcementId, row.audience === "admins");
    const announcement = toView(row);
    let cursor: string | undefined;
    let sent = 0;
    for (;;) {
      const accounts = await this.deps.db.user.findMany({
        where: {
          deactivatedAt: null,
          ...(announcement.audience === "admins" ? { isAdmin: true } : {}),
          announcementMails: { none: { announcementId } },
        },
        select: { id: true, email: true, name: true },
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (accounts.length === 0) break;
      cursor = accounts[accounts.length - 1].id;
      for (let i = 0; i < accounts.length && !this.stopped; i += SENDS_AT_ONCE) {
        const results = await Promise.all(accounts.slice(i, i + SENDS_AT_ONCE).map((to) => this.sendOnce(announcement, to)));
        sent += results.filter(Boolean).length;
      }
      if (accounts.length < PAGE || this.stopped) break;
    }
    if (sent > 0) this.deps.log.info({ announcementId, sent }, "critical announcement emailed to accounts that were away");
  }

  /** Claims the account for this announcement, then sends; false when someone else had it. */
  private async sendOnce(announcement: AnnouncementView, to: { id: string; email: string; name: string }): Promise<boolean> {
    if (!(await this.claim(announcement.id, to.id, "sent"))) return false;
    const { sessionSecret } = this.deps.config;
    const origin = this.deps.origin();
    try {
      await this.deps.mailer.send(awayMailMessage({ to, announcement, origin, unsubscribeUrl: unsubscribeUrl(origin, to.id, sessionSecret) }));
      return true;
    } catch (err) {
      this.deps.log.warn({ err, announcementId: announcement.id, userId: to.id }, "announcement email could not be sent; not retried");
      await this.deps.db.announcementMail.updateMany({ where: { announcementId: announcement.id, userId: to.id }, data: { outcome: "failed" } });
      return false;
    }
  }

  /** Inserts the row; true when this call inserted it (so this instance acts). */
  private async claim(announcementId: string, userId: string, outcome: "online" | "sent"): Promise<boolean> {
    try {
      await this.deps.db.announcementMail.create({ data: { announcementId, userId, outcome } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e) || isMissingRow(e)) return false;
      throw e;
    }
  }
}

/** The events channel's away-email: listens to `live`, asks `hub` who is here (eventsChannel.ts). */
export function startAwayMail(services: Services, hub: SseHub, live: LiveAnnouncements, httpServer: HttpServer): AwayMail {
  const { config } = services;
  const origin = () => {
    if (config.publicUrl) return config.publicUrl.origin;
    const address = httpServer.address() as AddressInfo | null;
    const host = !address || address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
    return `http://${host.includes(":") ? `[${host}]` : host}:${address?.port ?? config.port}`;
  };
  // Acknowledgement reminders (announcementService.ts) link to the same place.
  services.announcements.mailOrigin = origin;
  const awayMail = new AwayMail({
    db: services.db,
    mailer: services.mailer,
    log: services.log,
    config,
    accountsOnline: () => hub.accountsWithStreams(),
    origin,
  });
  live.onAppeared = (list) => awayMail.started(list);
  live.onEscalated = (list) => awayMail.escalated(list);
  awayMail.catchUp(live.current());
  return awayMail;
}

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;
const isUniqueViolation = (e: unknown) => codeOf(e) === "P2002";
/** The announcement or the account was deleted meanwhile (foreign key). */
const isMissingRow = (e: unknown) => codeOf(e) === "P2003";
