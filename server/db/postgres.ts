// PostgreSQL adapter for the hosted mode (DATABASE_URL=postgres://...).
import { PrismaPg } from "@prisma/adapter-pg";

export function createPostgresAdapter(connectionString: string): PrismaPg {
  return new PrismaPg({ connectionString, max: 10 });
}
