-- Nested pages: a document may sit under another (parentId), ordered among its siblings (position),
-- sharing its parent's members unless it says otherwise (inheritAccess).
ALTER TABLE "Document" ADD COLUMN     "inheritAccess" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "position" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Where an inherited membership came from (null: granted on the document itself).
ALTER TABLE "Membership" ADD COLUMN     "inheritedFrom" TEXT;

-- Existing documents become top-level pages in the order they were made.
UPDATE "Document" AS d SET "position" = o.n FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "createdAt", "id") AS n FROM "Document") AS o WHERE o."id" = d."id";

-- CreateIndex
CREATE INDEX "Document_parentId_position_idx" ON "Document"("parentId", "position");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;
