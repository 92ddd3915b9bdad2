// PostgreSQL's serialization failure (40001), as Prisma reports it: P2034 from a statement, or the
// driver adapter's own error when the COMMIT is the statement that fails. Callers that run again on
// a conflict ask here, so both forms are caught.
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: string; name?: string; cause?: { kind?: string; originalCode?: string } };
  if (e.code === "P2034") return true;
  return e.name === "DriverAdapterError" && (e.cause?.kind === "TransactionWriteConflict" || e.cause?.originalCode === "40001");
}
