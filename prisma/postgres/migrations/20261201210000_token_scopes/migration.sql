-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "scopes" TEXT NOT NULL DEFAULT 'documents:read documents:write';

