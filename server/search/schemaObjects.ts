// The search index lives in raw-SQL objects (an FTS5 table and its triggers on SQLite, a tsvector column
// with a GIN index on PostgreSQL) that the Prisma models cannot describe. They all share this prefix, so
// the schema-drift check can leave them out and test/search/schema.test.ts checks them instead.
export const SEARCH_OBJECT_PREFIX = "DocumentSearch";

/** True for a table, index, trigger, column owner or constraint that belongs to the search index. */
export const isSearchObject = (name: string): boolean => name.startsWith(SEARCH_OBJECT_PREFIX);
