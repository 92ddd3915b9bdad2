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

// pg's `query` has many overloads; a subclass cannot restate them, so the wrapper keeps the original's
// type. Callback and stream calls pass through; promise calls get their result rewritten.
function catalogFriendly<Q extends (...args: never[]) => unknown>(query: Q): Q {
  const wrapped = (...args: Parameters<Q>): unknown => {
    const [, values, callback] = args as unknown[];
    const result = query(...args);
    if (typeof values === "function" || typeof callback === "function") return result;
    return (result as Promise<pg.QueryResult>).then(asText);
  };
  return wrapped as Q;
}

// The adapter queries through the pool (pool.query) and through checked-out clients (transactions).
class CatalogFriendlyClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.query = catalogFriendly(this.query.bind(this));
  }
}

class CatalogFriendlyPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.query = catalogFriendly(this.query.bind(this));
  }
}

// allowExitOnIdle: the CLI never ends its pool, so an idle client would hold the process open for pg's
// 10 s idle timeout after the work is done (see prismaCliTimers.cjs for the engine's own timer).
export function createCliPostgresAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(new CatalogFriendlyPool({ connectionString, Client: CatalogFriendlyClient, allowExitOnIdle: true }));
}
