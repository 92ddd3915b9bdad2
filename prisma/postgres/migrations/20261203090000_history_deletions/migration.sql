-- CreateTable
CREATE TABLE "DocumentDeletion" (
    "id" SERIAL NOT NULL,
    "documentId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deleteSet" BYTEA NOT NULL,

    CONSTRAINT "DocumentDeletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentDeletion_documentId_createdAt_idx" ON "DocumentDeletion"("documentId", "createdAt");

-- AddForeignKey
ALTER TABLE "DocumentDeletion" ADD CONSTRAINT "DocumentDeletion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

