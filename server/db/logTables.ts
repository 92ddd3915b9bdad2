// The SQL the update-log worker runs, with every table and column name taken from the Prisma schema's
// generated names (no @@map/@map in prisma/schema.prisma, so a model's name is its table's). A renamed
// model or field fails the type check here instead of a query at run time; the statements are the
// only raw SQL on these tables, and the writer contract suite (test/db) runs them on a migrated file.
import { Prisma } from "./generated/browser";

const DOCUMENT = Prisma.ModelName.Document;
const UPDATE = Prisma.ModelName.DocumentUpdate;
const doc = Prisma.DocumentScalarFieldEnum;
const row = Prisma.DocumentUpdateScalarFieldEnum;

export const UPDATE_LOG_SQL = {
  append: `INSERT INTO "${UPDATE}" ("${row.documentId}", "${row.data}") VALUES (?, ?)`,
  setSnapshot: `UPDATE "${DOCUMENT}" SET "${doc.snapshot}" = ? WHERE "${doc.id}" = ?`,
  deleteLog: `DELETE FROM "${UPDATE}" WHERE "${row.documentId}" = ?`,
} as const;
