// PostgreSQL adapter for the hosted mode (DATABASE_URL=postgres://...).
import { PrismaPg } from "@prisma/adapter-pg";
import { createPostgresPool, type OnCut } from "./postgresPool";

export function createPostgresAdapter(connectionString: string, onCut?: OnCut): PrismaPg {
  // Our own pool (ended with the adapter) so abandoned transactions cannot hold it open.
  return new PrismaPg(createPostgresPool(connectionString, onCut), { disposeExternalPool: true });
}
