// The PostgreSQL adapter for the Prisma CLI only (migrate deploy / diff).
// Workaround for prisma/prisma#27403: @prisma/adapter-pg cannot deserialize Postgres' internal `name`
// (oid 19) and `char` (oid 18) columns that `migrate` reads from the catalog. We report them as `text`
// (oid 25), which they are compatible with. The running server does not need this.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

function asText(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return res;
}

// The adapter queries through the pool (pool.query) and through checked-out clients (transactions).
class CatalogFriendlyClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(config: any, values?: any, callback?: any): any {
    if (typeof values === "function" || typeof callback === "function") return super.query(config, values, callback);
    return (super.query(config, values) as Promise<pg.QueryResult>).then(asText);
  }
}

class CatalogFriendlyPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(config: any, values?: any, callback?: any): any {
    if (typeof values === "function" || typeof callback === "function") return super.query(config, values, callback);
    return (super.query(config, values) as Promise<pg.QueryResult>).then(asText);
  }
}

export function createCliPostgresAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(new CatalogFriendlyPool({ connectionString, Client: CatalogFriendlyClient }));
}
