-- CreateTable
CREATE TABLE "TopLevelPlace" (
    "userId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "position" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TopLevelPlace_pkey" PRIMARY KEY ("userId","documentId")
);

-- AddForeignKey
ALTER TABLE "TopLevelPlace" ADD CONSTRAINT "TopLevelPlace_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopLevelPlace" ADD CONSTRAINT "TopLevelPlace_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Everyone starts from the order they saw so far: the shared positions of the top-level pages they are members of.
INSERT INTO "TopLevelPlace" ("userId", "documentId", "position")
SELECT m."userId", m."documentId", d."position" FROM "Membership" m JOIN "Document" d ON d."id" = m."documentId" WHERE d."parentId" IS NULL;
