// "At most one reminder email per announcement and account per cooldown", held by the database so it
// holds across instances and restarts: one AnnouncementReminderMail row per pair, claimed BEFORE the
// mail is sent. A claim is an insert (the pair's primary key lets only one instance in) or, when the
// row is older than the cooldown, one UPDATE whose WHERE says so (PostgreSQL re-checks it after a
// concurrent update commits, SQLite runs writes one at a time): either way one caller wins.
import type { Db } from "../db/client";

const BATCH = 200;
const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;

export type ClaimResult = { claimed: string[]; recent: string[] };

export class ReminderClaims {
  constructor(
    private readonly db: Db,
    private readonly cooldownMs: number,
  ) {}

  /** Claims the pairs whose last reminder email is older than the cooldown (or that never had one). */
  async claim(announcementId: string, userIds: readonly string[], now = new Date()): Promise<ClaimResult> {
    const cutoff = new Date(now.getTime() - this.cooldownMs);
    const claimed: string[] = [];
    const recent: string[] = [];
    for (let i = 0; i < userIds.length; i += BATCH) {
      const ids = userIds.slice(i, i + BATCH);
      const rows = await this.db.announcementReminderMail.findMany({ where: { announcementId, userId: { in: ids } }, select: { userId: true, sentAt: true } });
      const last = new Map(rows.map((r) => [r.userId, r.sentAt]));
      const fresh = ids.filter((id) => !last.has(id));
      for (const id of ids) if ((last.get(id)?.getTime() ?? -1) >= cutoff.getTime()) recent.push(id);
      for (const id of await this.insert(announcementId, fresh, now, cutoff)) (id.won ? claimed : recent).push(id.userId);
      for (const id of ids.filter((x) => last.has(x) && last.get(x)!.getTime() < cutoff.getTime())) {
        ((await this.renew(announcementId, id, now, cutoff)) ? claimed : recent).push(id);
      }
    }
    return { claimed, recent };
  }

  /** A send failed: the claim is given back, so the next "Remind" tries this account again. */
  async release(announcementId: string, userId: string, sentAt: Date): Promise<void> {
    await this.db.announcementReminderMail.deleteMany({ where: { announcementId, userId, sentAt } });
  }

  /** New pairs in one statement; if another instance got some first, one by one (each insert decides). */
  private async insert(announcementId: string, userIds: string[], now: Date, cutoff: Date): Promise<Array<{ userId: string; won: boolean }>> {
    if (userIds.length === 0) return [];
    try {
      await this.db.announcementReminderMail.createMany({ data: userIds.map((userId) => ({ announcementId, userId, sentAt: now })) });
      return userIds.map((userId) => ({ userId, won: true }));
    } catch (e) {
      if (codeOf(e) !== "P2002" && codeOf(e) !== "P2003") throw e;
    }
    const out: Array<{ userId: string; won: boolean }> = [];
    for (const userId of userIds) {
      try {
        await this.db.announcementReminderMail.create({ data: { announcementId, userId, sentAt: now } });
        out.push({ userId, won: true });
      } catch (e) {
        if (codeOf(e) === "P2003") continue; // the account was deleted meanwhile: no one to remind
        if (codeOf(e) !== "P2002") throw e;
        // Someone inserted it just now; it may still be older than the cooldown (a restored backup, a clock step).
        out.push({ userId, won: await this.renew(announcementId, userId, now, cutoff) });
      }
    }
    return out;
  }

  private async renew(announcementId: string, userId: string, now: Date, cutoff: Date): Promise<boolean> {
    const { count } = await this.db.announcementReminderMail.updateMany({ where: { announcementId, userId, sentAt: { lt: cutoff } }, data: { sentAt: now } });
    return count === 1;
  }
}
