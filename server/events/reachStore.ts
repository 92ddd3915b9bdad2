// Who an announcement reached, in the database so the figures survive restarts and add up across
// instances: one row per (announcement, account) for "seen" and "acknowledged" (insert-or-ignore on
// the composite key, so five tabs of one account count once), the dismissals table for "dismissed",
// and a counter column for "delivered" that every instance adds its own deliveries to (reach.ts).
// The writes of the reports themselves are reachWrites.ts (raw, batched for "seen": seenBatch.ts).
import type { Db } from "../db/client";
import { notFound as notFoundOf } from "../domain/errors";
import type { AnnouncementReach } from "../../lib/contracts/announcements";

const notFound = () => notFoundOf("Announcement");

export type ReachCounts = Omit<AnnouncementReach, "pending"> & { pendingCount: number };
export type Person = AnnouncementReach["pending"][number];

export class ReachStore {
  constructor(private readonly db: Db) {}

  /** Adds one instance's deliveries since its last flush (an atomic increment, so instances add up). */
  async addDelivered(id: string, count: number): Promise<void> {
    // Raw SQL, not announcement.update: Prisma would also move `updatedAt`, which the streams read as
    // "the announcement was edited" and re-send it (and re-count it) to everyone.
    await this.db.$executeRaw`UPDATE "Announcement" SET "deliveredCount" = "deliveredCount" + ${count} WHERE "id" = ${id}`;
  }

  async counts(id: string): Promise<ReachCounts> {
    const row = await this.db.announcement.findUnique({ where: { id } });
    if (!row) throw notFound();
    const current = { announcementId: id, version: { gte: row.contentVersion } };
    const [seen, dismissed, acknowledged, pendingCount] = await Promise.all([
      this.db.announcementSeen.count({ where: { announcementId: id } }),
      this.db.announcementDismissal.count({ where: current }),
      this.db.announcementAck.count({ where: current }),
      row.requiresAck ? this.db.user.count({ where: this.pendingWhere(row) }) : Promise.resolve(0),
    ]);
    return { delivered: row.deliveredCount, seen, dismissed, acknowledged, pendingCount };
  }

  /** Accounts in the audience that have not acknowledged the current version, by name. */
  async pending(id: string): Promise<Person[]> {
    const row = await this.db.announcement.findUnique({ where: { id } });
    if (!row) throw notFound();
    if (!row.requiresAck) return [];
    return this.db.user.findMany({
      where: this.pendingWhere(row),
      select: { id: true, name: true, email: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
    });
  }

  /** Those of `people` who still take reminder emails (not unsubscribed), in the same order. */
  async subscribed(people: readonly Person[]): Promise<Person[]> {
    const on = await this.db.user.findMany({ where: { id: { in: people.map((p) => p.id) }, announcementEmails: true }, select: { id: true } });
    const ids = new Set(on.map((u) => u.id));
    return people.filter((p) => ids.has(p.id));
  }

  async view(id: string): Promise<{ title: string; requiresAck: boolean; live: boolean }> {
    const row = await this.db.announcement.findUnique({ where: { id }, select: { title: true, requiresAck: true, revokedAt: true, endsAt: true } });
    if (!row) throw notFound();
    return { title: row.title, requiresAck: row.requiresAck, live: !row.revokedAt && (!row.endsAt || row.endsAt.getTime() > Date.now()) };
  }

  private pendingWhere(row: { id: string; audience: string; contentVersion: number }) {
    // Signed-out visitors are in "everyone" too, but cannot acknowledge: only accounts can be pending.
    return {
      deactivatedAt: null,
      ...(row.audience === "admins" ? { isAdmin: true } : {}),
      announcementAcks: { none: { announcementId: row.id, version: { gte: row.contentVersion } } },
    };
  }
}
