-- Full-text search over documents' titles and text (server/search/). Raw SQL, not a model: Prisma cannot
-- describe an FTS5 table. Every object here is named DocumentSearch*, and test/db/schemaDrift.test.ts leaves
-- those to test/search/schema.test.ts.

-- What is indexed: one row per document (its title, and its plain text as the collab server last read it).
-- Deleting the document deletes the row (foreign key), and the trigger below takes it out of the index.
CREATE TABLE "DocumentSearchText" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL UNIQUE REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    -- When the body was last read (ms since 1970), 0 = never. Older than Document.updatedAt = read again at start.
    "indexedAt" INTEGER NOT NULL DEFAULT 0
);

-- The index itself, over the table above (external content: the text is stored once). Words are
-- case- and accent-insensitive, and two- and three-letter prefixes are indexed for search as you type.
CREATE VIRTUAL TABLE "DocumentSearch" USING fts5(
    title,
    body,
    content = 'DocumentSearchText',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER "DocumentSearch_inserted" AFTER INSERT ON "DocumentSearchText" BEGIN
    INSERT INTO "DocumentSearch" (rowid, title, body) VALUES (new."id", new."title", new."body");
END;

CREATE TRIGGER "DocumentSearch_deleted" AFTER DELETE ON "DocumentSearchText" BEGIN
    INSERT INTO "DocumentSearch" ("DocumentSearch", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
END;

CREATE TRIGGER "DocumentSearch_updated" AFTER UPDATE OF "title", "body" ON "DocumentSearchText" BEGIN
    INSERT INTO "DocumentSearch" ("DocumentSearch", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
    INSERT INTO "DocumentSearch" (rowid, title, body) VALUES (new."id", new."title", new."body");
END;

-- Documents made before search existed are findable by title at once, and the server reads their text at start.
INSERT INTO "DocumentSearchText" ("documentId", "title") SELECT "id", "title" FROM "Document";
