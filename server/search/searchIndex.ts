// What the search service needs from the database: store and drop a document's searchable text, and
// find the caller's documents that match. One implementation per database (FTS5, tsvector); the
// service above them is the same for both.
import type { Db } from "../db/client";
import type { Config } from "../config";
import { sqliteSearchIndex } from "./sqliteIndex";
import { postgresSearchIndex } from "./postgresIndex";

export type IndexEntry = { documentId: string; title: string; body: string; indexedAt: number };

/** A matching document, best first: its current title and indexed text (for the snippet). */
export type IndexHit = { id: string; title: string; body: string };

export interface SearchIndex {
  /** Stores a document's title and text; nothing when the document no longer exists. */
  put(entry: IndexEntry): Promise<void>;
  /** A new or renamed title; the text stays (an empty one for a new document). */
  putTitle(documentId: string, title: string): Promise<void>;
  remove(documentId: string): Promise<void>;
  /** When each indexed document's text was last read (0 = never). */
  indexedTimes(): Promise<Map<string, number>>;
  /**
   * Documents `userId` is a member of right now (checked in the same query, so access lost a moment
   * ago is access lost) whose title or text has a word starting with each of `terms` (folded).
   */
  query(userId: string, terms: readonly string[], limit: number): Promise<IndexHit[]>;
}

export function createSearchIndex(db: Db, kind: Config["databaseKind"]): SearchIndex {
  switch (kind) {
    case "sqlite":
      return sqliteSearchIndex(db);
    case "postgres":
      return postgresSearchIndex(db);
    default: {
      const never: never = kind;
      throw new Error(`no search index for database ${String(never)}`);
    }
  }
}

/** Raw integer columns arrive as number, bigint or string depending on the driver. */
export const toNumber = (value: unknown): number => (typeof value === "number" ? value : Number(value));
