-- CreateTable
CREATE TABLE "QuarantinedUpdate" (
    "id" SERIAL NOT NULL,
    "documentId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuarantinedUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuarantinedUpdate_documentId_idx" ON "QuarantinedUpdate"("documentId");
