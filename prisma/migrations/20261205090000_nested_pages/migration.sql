-- Nested pages: a document may sit under another (parentId), ordered among its siblings (position),
-- sharing its parent's members unless it says otherwise (inheritAccess). Added in place (no table
-- rebuild): SQLite accepts a nullable REFERENCES column through ALTER TABLE.
ALTER TABLE "Document" ADD COLUMN "parentId" TEXT REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Document" ADD COLUMN "position" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Document" ADD COLUMN "inheritAccess" BOOLEAN NOT NULL DEFAULT true;

-- Where an inherited membership came from (null: granted on the document itself).
ALTER TABLE "Membership" ADD COLUMN "inheritedFrom" TEXT;

-- Existing documents become top-level pages in the order they were made.
UPDATE "Document" SET "position" = (SELECT COUNT(*) FROM "Document" AS d WHERE d."createdAt" < "Document"."createdAt" OR (d."createdAt" = "Document"."createdAt" AND d."id" < "Document"."id")) + 1;

-- CreateIndex
CREATE INDEX "Document_parentId_position_idx" ON "Document"("parentId", "position");
