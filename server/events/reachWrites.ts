// The reach writes as one raw statement each (SQLite and PostgreSQL dialects): Prisma's query
// compiler costs more CPU per query than the statement itself, and these run once per report. Each
// joins the Announcement row, so a report for a deleted announcement (or a deleted account) stores
// nothing instead of failing, and the acknowledged/dismissed version is the database's current one.
import type { Config } from "../config";
import type { Db } from "../db/client";

export type DatabaseKind = Config["databaseKind"];
export type SeenPair = { announcementId: string; userId: string };

/** `$1, $2…` for PostgreSQL, `?` for SQLite. */
const param = (kind: DatabaseKind, n: number) => (kind === "postgres" ? `$${n}::text` : "?");
/** Prisma writes SQLite dates as ISO text; a raw insert must too. */
const now = (kind: DatabaseKind) => (kind === "postgres" ? "CURRENT_TIMESTAMP" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

/** One multi-row insert-or-ignore; returns the pairs that were new (not already recorded). */
export async function insertSeen(db: Db, kind: DatabaseKind, pairs: readonly SeenPair[]): Promise<SeenPair[]> {
  if (pairs.length === 0) return [];
  const values = pairs.map((_, i) => `(${param(kind, 2 * i + 1)}, ${param(kind, 2 * i + 2)})`).join(", ");
  const [a, u] = kind === "postgres" ? ["v.a", "v.u"] : ["v.column1", "v.column2"];
  const alias = kind === "postgres" ? "v(a, u)" : "v";
  // SQLite needs the WHERE before ON CONFLICT (else it reads ON as the join's).
  const sql = `INSERT INTO "AnnouncementSeen" ("announcementId", "userId", "createdAt")
    SELECT ${a}, ${u}, ${now(kind)} FROM (VALUES ${values}) AS ${alias}
    JOIN "Announcement" an ON an."id" = ${a} JOIN "User" us ON us."id" = ${u}
    WHERE true ON CONFLICT DO NOTHING RETURNING "announcementId", "userId"`;
  return db.$queryRawUnsafe<SeenPair[]>(sql, ...pairs.flatMap((p) => [p.announcementId, p.userId]));
}

/**
 * "I have read this" at the announcement's current version. True when it was new: no row yet, or
 * one for an older text (which counts again). False when already acknowledged, or not acknowledgeable.
 */
export async function upsertAck(db: Db, kind: DatabaseKind, announcementId: string, userId: string): Promise<boolean> {
  const sql = `INSERT INTO "AnnouncementAck" ("announcementId", "userId", "version", "createdAt")
    SELECT an."id", ${param(kind, 1)}, an."contentVersion", ${now(kind)} FROM "Announcement" an
    WHERE an."id" = ${param(kind, 2)} AND an."requiresAck"
    ON CONFLICT ("announcementId", "userId") DO UPDATE SET "version" = excluded."version"
    WHERE "AnnouncementAck"."version" < excluded."version" RETURNING "userId"`;
  return (await db.$queryRawUnsafe<unknown[]>(sql, userId, announcementId)).length > 0;
}

/** A dismissal of the current version (a later "show again" edit brings it back). */
export async function upsertDismissal(db: Db, kind: DatabaseKind, announcementId: string, userId: string): Promise<void> {
  const sql = `INSERT INTO "AnnouncementDismissal" ("announcementId", "userId", "version", "createdAt")
    SELECT an."id", ${param(kind, 1)}, an."contentVersion", ${now(kind)} FROM "Announcement" an
    WHERE an."id" = ${param(kind, 2)}
    ON CONFLICT ("announcementId", "userId") DO UPDATE SET "version" = excluded."version"`;
  await db.$executeRawUnsafe(sql, userId, announcementId);
}
