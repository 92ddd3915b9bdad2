// The search index on SQLite: FTS5 over "DocumentSearchText" (migration 20261202090000_search), which
// folds case and accents itself. Ranked by BM25 with title words weighing ten times body words.
import type { Db } from "../db/client";
import { toNumber, type IndexHit, type SearchIndex } from "./searchIndex";

/** FTS5 query: every word as a prefix (quoted, so no word is read as an operator), all required. */
export const ftsMatch = (terms: readonly string[]): string => terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" ");

export function sqliteSearchIndex(db: Db): SearchIndex {
  return {
    async put({ documentId, title, body, indexedAt }) {
      // INSERT … SELECT: a document deleted meanwhile gets no row (its foreign key would refuse it anyway).
      await db.$executeRawUnsafe(
        `INSERT INTO "DocumentSearchText" ("documentId", "title", "body", "indexedAt")
         SELECT "id", ?, ?, ? FROM "Document" WHERE "id" = ?
         ON CONFLICT ("documentId") DO UPDATE SET "title" = excluded."title", "body" = excluded."body", "indexedAt" = excluded."indexedAt"`,
        title,
        body,
        indexedAt,
        documentId,
      );
    },

    async putTitle(documentId, title) {
      await db.$executeRawUnsafe(
        `INSERT INTO "DocumentSearchText" ("documentId", "title") SELECT "id", ? FROM "Document" WHERE "id" = ?
         ON CONFLICT ("documentId") DO UPDATE SET "title" = excluded."title"`,
        title,
        documentId,
      );
    },

    async remove(documentId) {
      await db.$executeRawUnsafe(`DELETE FROM "DocumentSearchText" WHERE "documentId" = ?`, documentId);
    },

    async indexedTimes() {
      const rows = await db.$queryRawUnsafe<Array<{ documentId: string; indexedAt: unknown }>>(`SELECT "documentId", "indexedAt" FROM "DocumentSearchText"`);
      return new Map(rows.map((r) => [r.documentId, toNumber(r.indexedAt)]));
    },

    async query(userId, terms, limit) {
      if (terms.length === 0) return [];
      return db.$queryRawUnsafe<IndexHit[]>(
        `SELECT t."documentId" AS "id", d."title" AS "title", t."body" AS "body"
         FROM "DocumentSearch" s
         JOIN "DocumentSearchText" t ON t."id" = s.rowid
         JOIN "Membership" m ON m."documentId" = t."documentId" AND m."userId" = ?
         JOIN "Document" d ON d."id" = t."documentId"
         WHERE "DocumentSearch" MATCH ? AND d."deletedAt" IS NULL
         ORDER BY bm25("DocumentSearch", 10.0, 1.0), d."updatedAt" DESC
         LIMIT ?`,
        userId,
        ftsMatch(terms),
        limit,
      );
    },
  };
}
