// The writer contract (updateLogWriterContract.ts) against every UpdateLogWriter: the SQLite worker
// thread (the embedded default), Prisma in process (the default of DocumentStore), and Prisma on
// PostgreSQL with and without the hosted mode's shared log (in the PostgreSQL pass only).
import { sqliteThreadUpdateLogWriter } from "../../server/db/sqliteLogThread";
import { prismaUpdateLogWriter } from "../../server/db/updateLogWriter";
import { updateLogWriterContract } from "./updateLogWriterContract";
import { openPostgresBackend, openSqliteBackend, postgresAvailable } from "./writerBackends";

updateLogWriterContract("SQLite worker thread", (b) => sqliteThreadUpdateLogWriter(b.sqliteFile!), { open: openSqliteBackend });
updateLogWriterContract("Prisma on SQLite", (b) => prismaUpdateLogWriter(b.db), { open: openSqliteBackend });
updateLogWriterContract("Prisma on SQLite, shared log", (b) => prismaUpdateLogWriter(b.db, { sharedLog: true }), { open: openSqliteBackend });
updateLogWriterContract("Prisma on PostgreSQL", (b) => prismaUpdateLogWriter(b.db), { open: openPostgresBackend, skip: !postgresAvailable });
updateLogWriterContract("Prisma on PostgreSQL, shared log (hosted)", (b) => prismaUpdateLogWriter(b.db, { sharedLog: true }), {
  open: openPostgresBackend,
  skip: !postgresAvailable,
});
