-- CreateTable
CREATE TABLE "DocumentDeletion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "deleteSet" BLOB NOT NULL,
    CONSTRAINT "DocumentDeletion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DocumentDeletion_documentId_createdAt_idx" ON "DocumentDeletion"("documentId", "createdAt");

