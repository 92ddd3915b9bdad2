// The search index on PostgreSQL: a tsvector column with a GIN index over "DocumentSearch" (migration
// 20261202090000_search). The server hands PostgreSQL the words only (case and accents folded, everything
// else a space, 'simple' configuration, no stemming): its parser would otherwise drop anything that looks
// like an HTML tag ("<b>x</b>", "a<b"), and both databases now match the same words as FTS5's unicode61.
// Ranked by ts_rank, title words weighted A, text B.
import type { Db } from "../db/client";
import { fold } from "../../lib/search/highlight";
import { toNumber, type IndexHit, type SearchIndex } from "./searchIndex";

/** tsquery: every word as a prefix, all required. Terms are letters and digits only (queryTerms). */
/** The text as PostgreSQL's parser should see it: folded words separated by spaces. */
export const indexWords = (text: string): string => fold(text).replace(/[^\p{L}\p{N}]+/gu, " ");

export const tsQuery = (terms: readonly string[]): string => terms.map((t) => `${t.replace(/[^\p{L}\p{N}]/gu, "")}:*`).join(" & ");

export function postgresSearchIndex(db: Db): SearchIndex {
  return {
    async put({ documentId, title, body, indexedAt }) {
      await db.$executeRawUnsafe(
        `INSERT INTO "DocumentSearch" ("documentId", "title", "body", "foldedTitle", "foldedBody", "indexedAt")
         SELECT "id", $2, $3, $4, $5, $6 FROM "Document" WHERE "id" = $1
         ON CONFLICT ("documentId") DO UPDATE SET "title" = excluded."title", "body" = excluded."body",
           "foldedTitle" = excluded."foldedTitle", "foldedBody" = excluded."foldedBody", "indexedAt" = excluded."indexedAt"`,
        documentId,
        title,
        body,
        indexWords(title),
        indexWords(body),
        indexedAt,
      );
    },

    async putTitle(documentId, title) {
      await db.$executeRawUnsafe(
        `INSERT INTO "DocumentSearch" ("documentId", "title", "foldedTitle") SELECT "id", $2, $3 FROM "Document" WHERE "id" = $1
         ON CONFLICT ("documentId") DO UPDATE SET "title" = excluded."title", "foldedTitle" = excluded."foldedTitle"`,
        documentId,
        title,
        indexWords(title),
      );
    },

    async remove(documentId) {
      await db.$executeRawUnsafe(`DELETE FROM "DocumentSearch" WHERE "documentId" = $1`, documentId);
    },

    async indexedTimes() {
      const rows = await db.$queryRawUnsafe<Array<{ documentId: string; indexedAt: unknown }>>(`SELECT "documentId", "indexedAt" FROM "DocumentSearch"`);
      return new Map(rows.map((r) => [r.documentId, toNumber(r.indexedAt)]));
    },

    async query(userId, terms, limit) {
      if (terms.length === 0) return [];
      // Most of this query's time is reading each match's vector out of TOAST for ts_rank (and, where the
      // planner prefers a sequential scan to the GIN index, every row's): see bench/search.mjs's figures.
      return db.$queryRawUnsafe<IndexHit[]>(
        `SELECT s."documentId" AS "id", d."title" AS "title", s."body" AS "body"
         FROM "DocumentSearch" s
         JOIN "Membership" m ON m."documentId" = s."documentId" AND m."userId" = $1
         JOIN "Document" d ON d."id" = s."documentId",
         to_tsquery('simple', $2) q
         WHERE s."vector" @@ q AND d."deletedAt" IS NULL
         ORDER BY ts_rank(s."vector", q) DESC, d."updatedAt" DESC
         LIMIT $3`,
        userId,
        tsQuery(terms),
        limit,
      );
    },
  };
}
