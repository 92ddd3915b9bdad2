-- Full-text search over documents' titles and text (server/search/). Raw SQL, not a model: the tsvector
-- column and its GIN index have no place in the schema shared with SQLite. Every object here is named
-- DocumentSearch*, and test/db/schemaDrift.test.ts leaves those to test/search/schema.test.ts.

-- One row per document: its title and plain text as shown in snippets, the same folded by the server
-- (lower case, accents removed, like SQLite's FTS5 tokenizer) for the index, and the index vector
-- (title words weigh more). Deleting the document deletes the row.
CREATE TABLE "DocumentSearch" (
    "documentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "foldedTitle" TEXT NOT NULL DEFAULT '',
    "foldedBody" TEXT NOT NULL DEFAULT '',
    -- When the body was last read (ms since 1970), 0 = never. Older than Document.updatedAt = read again at start.
    "indexedAt" BIGINT NOT NULL DEFAULT 0,
    "vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, "foldedTitle"), 'A') || setweight(to_tsvector('simple'::regconfig, "foldedBody"), 'B')
    ) STORED,

    CONSTRAINT "DocumentSearch_pkey" PRIMARY KEY ("documentId"),
    CONSTRAINT "DocumentSearch_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "DocumentSearch_vector_idx" ON "DocumentSearch" USING GIN ("vector");

-- Documents made before search existed are findable by title at once (lower case here, the server
-- refolds every row whose text it has not read yet, at start).
INSERT INTO "DocumentSearch" ("documentId", "title", "foldedTitle") SELECT "id", "title", lower("title") FROM "Document";
