-- CreateTable
CREATE TABLE "QuarantinedUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "QuarantinedUpdate_documentId_idx" ON "QuarantinedUpdate"("documentId");
