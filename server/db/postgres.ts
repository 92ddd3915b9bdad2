// PostgreSQL adapter for the hosted mode (DATABASE_URL=postgres://...).
export function createPostgresAdapter(_url: string): never {
  throw new Error("PostgreSQL support is not built yet: unset DATABASE_URL to use the embedded SQLite database.");
}
