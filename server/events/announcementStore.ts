// Announcements and dismissals in the database. Domain rules (who may, what is valid) live here;
// telling the streams is the caller's job (announcementService.ts).
import crypto from "node:crypto";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { BatchLoader } from "../db/batchLoader";
import { conflict, invalidInput, notFound as notFoundOf } from "../domain/errors";
import type { AdminAnnouncement, AnnouncementView, Audience, AnnouncementKind, Severity } from "../../lib/announcements/types";
import { nextBoundary, statusOf } from "./schedule";
import type { CreateAnnouncementInput, UpdateAnnouncementInput } from "./schemas";

type Row = Awaited<ReturnType<Db["announcement"]["findFirstOrThrow"]>>;

export const ADMIN_LIST_LIMIT = 200;

export function toView(row: Row): AnnouncementView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    severity: row.severity as Severity,
    kind: row.kind as AnnouncementKind,
    audience: row.audience as Audience,
    targetPath: row.targetPath,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    dismissible: row.dismissible,
    requiresAck: row.requiresAck,
    contentVersion: row.contentVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toAdmin(row: Row, now = Date.now()): AdminAnnouncement {
  return {
    ...toView(row),
    status: statusOf(row, now),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdById: row.createdById,
  };
}

function checkWindow(startsAt: Date, endsAt: Date | null): void {
  if (endsAt && endsAt.getTime() <= startsAt.getTime()) {
    throw invalidInput("endsAt: must be after the start time", "endsAt");
  }
}

const notFound = () => notFoundOf("Announcement");

export class AnnouncementStore {
  constructor(private readonly db: Db) {}

  async create(input: CreateAnnouncementInput, createdById: string): Promise<Row> {
    const startsAt = input.startsAt ? new Date(input.startsAt) : new Date();
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    checkWindow(startsAt, endsAt);
    return this.db.announcement.create({
      data: {
        id: crypto.randomUUID(),
        title: input.title,
        body: input.body,
        severity: input.severity,
        kind: input.kind,
        audience: input.audience,
        targetPath: input.targetPath ?? null,
        startsAt,
        endsAt,
        dismissible: input.dismissible,
        requiresAck: input.requiresAck,
        createdById,
      },
    });
  }

  async update(id: string, input: UpdateAnnouncementInput): Promise<Row> {
    const row = await this.db.announcement.findUnique({ where: { id } });
    if (!row) throw notFound();
    if (row.revokedAt) throw conflict("This announcement was revoked; create a new one instead.");
    const startsAt = input.startsAt === undefined ? row.startsAt : input.startsAt ? new Date(input.startsAt) : new Date();
    const endsAt = input.endsAt === undefined ? row.endsAt : input.endsAt ? new Date(input.endsAt) : null;
    checkWindow(startsAt, endsAt);
    const { startsAt: _s, endsAt: _e, showAgain, ...rest } = input;
    // A new content version: dismissals and acknowledgements of the older text stop hiding it.
    const version = showAgain ? { contentVersion: { increment: 1 } } : {};
    return this.db.announcement.update({ where: { id }, data: { ...rest, ...version, startsAt, endsAt } });
  }

  /** Revoking twice is harmless: the first revocation time stays. */
  async revoke(id: string): Promise<Row> {
    const row = await this.db.announcement.findUnique({ where: { id } });
    if (!row) throw notFound();
    if (row.revokedAt) return row;
    return this.db.announcement.update({ where: { id }, data: { revokedAt: new Date() } });
  }

  find(id: string): Promise<Row | null> {
    return this.db.announcement.findUnique({ where: { id } });
  }

  // Undoing a change that could not go out (AnnouncementService: the bus refused it): the row as it was.
  async remove(id: string): Promise<void> {
    await this.db.announcement.deleteMany({ where: { id } });
  }

  async restore(row: Row): Promise<void> {
    const { id, createdAt: _c, updatedAt: _u, deliveredCount: _d, ...fields } = row;
    await this.db.announcement.updateMany({ where: { id }, data: fields });
  }

  list(): Promise<Row[]> {
    return this.db.announcement.findMany({ orderBy: { createdAt: "desc" }, take: ADMIN_LIST_LIMIT });
  }

  /** Everything shown now, plus the next time that changes (for the scheduler's timer). */
  async current(now: number): Promise<{ visible: AnnouncementView[]; nextChangeAt: number | null }> {
    const at = new Date(now);
    const rows = await this.db.announcement.findMany({
      where: { revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: at } }] },
      orderBy: { startsAt: "asc" },
    });
    return {
      visible: rows.filter((r) => statusOf(r, now) === "active").map(toView),
      nextChangeAt: nextBoundary(rows, now),
    };
  }

  /**
   * What this account no longer sees: dismissed or acknowledged at (or after) the current version.
   * Streams opened together (every browser of a dead instance comes back at once) share one query
   * (BatchLoader: read after each caller asked, nothing cached); each caller gets its own Set.
   */
  async hiddenIds(userId: string): Promise<Set<string>> {
    return new Set(await this.hiddenLoader.load(userId));
  }

  // One raw statement, not two findMany with the announcement's version: Prisma made those four
  // queries (~5 ms of CPU) per batch, and streams spread over a second come a few per batch
  // (bench/stream-opens.mjs).
  private readonly hiddenLoader = new BatchLoader<string, string[]>(async (userIds) => {
    const users = Prisma.join(userIds);
    const rows = await this.db.$queryRaw<Array<{ userId: string; announcementId: string }>>`
      SELECT d."userId", d."announcementId" FROM "AnnouncementDismissal" d JOIN "Announcement" a ON a."id" = d."announcementId"
        WHERE d."userId" IN (${users}) AND d."version" >= a."contentVersion"
      UNION ALL
      SELECT k."userId", k."announcementId" FROM "AnnouncementAck" k JOIN "Announcement" a ON a."id" = k."announcementId"
        WHERE k."userId" IN (${users}) AND k."version" >= a."contentVersion"`;
    const byUser = new Map<string, string[]>();
    for (const r of rows) {
      const ids = byUser.get(r.userId);
      if (ids) ids.push(r.announcementId);
      else byUser.set(r.userId, [r.announcementId]);
    }
    return byUser;
  });

  /** The accounts that no longer see this announcement at its current version (see hiddenIds). */
  async hiddenFor(id: string, contentVersion: number): Promise<Set<string>> {
    const where = { announcementId: id, version: { gte: contentVersion } };
    const [dismissed, acked] = await Promise.all([
      this.db.announcementDismissal.findMany({ where, select: { userId: true } }),
      this.db.announcementAck.findMany({ where, select: { userId: true } }),
    ]);
    return new Set([...dismissed, ...acked].map((r) => r.userId));
  }
}
