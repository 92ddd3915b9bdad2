// The reads every socket of a reconnect storm needs, in raw SQL: whose credential is this (a session
// or an access token, with its account) and what role an account has on a document. Prisma's query
// compiler costs 2–4 ms of CPU per query on this machine whatever the batch size, a raw statement
// under 1 ms; a storm of 1,000 different accounts makes hundreds of these batches (db/batchLoader.ts).
// Same tables and columns on SQLite and PostgreSQL (no @@map in prisma/schema.prisma); rows are
// checked with zod, as the two drivers hand back their own types.
import { z } from "zod";
import { Prisma } from "./generated/client";
import type { Db } from "./client";
import type { Role } from "../bus/events";

const account = {
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.coerce.boolean(),
  deactivatedAt: z.coerce.date().nullable(),
};
const sessionRow = z.object({ id: z.string(), tokenHash: z.string(), expiresAt: z.coerce.date(), lastUsedAt: z.coerce.date().nullable(), ...account });
const tokenRow = z.object({ id: z.string(), tokenHash: z.string(), scopes: z.string(), lastUsedAt: z.coerce.date().nullable(), ...account });
const roleRow = z.object({ userId: z.string(), documentId: z.string(), role: z.enum(["owner", "editor", "viewer"]) });

export type CredentialAccount = { id: string; email: string; name: string; isAdmin: boolean; deactivatedAt: Date | null };
export type SessionRead = { id: string; tokenHash: string; expiresAt: Date; lastUsedAt: Date | null; user: CredentialAccount };
export type TokenRead = { id: string; tokenHash: string; scopes: string; lastUsedAt: Date | null; user: CredentialAccount };

const withAccount = <R extends z.infer<z.ZodObject<typeof account>>>({ userId, email, name, isAdmin, deactivatedAt, ...rest }: R) => ({
  ...rest,
  user: { id: userId, email, name, isAdmin, deactivatedAt },
});

export async function sessionsByHash(db: Db, hashes: string[]): Promise<Map<string, SessionRead>> {
  const rows: unknown[] = await db.$queryRaw`
    SELECT s."id", s."tokenHash", s."expiresAt", s."lastUsedAt", u."id" AS "userId", u."email", u."name", u."isAdmin", u."deactivatedAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" IN (${Prisma.join(hashes)})`;
  return new Map(rows.map((r) => withAccount(sessionRow.parse(r))).map((r) => [r.tokenHash, r]));
}

export async function tokensByHash(db: Db, hashes: string[]): Promise<Map<string, TokenRead>> {
  const rows: unknown[] = await db.$queryRaw`
    SELECT t."id", t."tokenHash", t."scopes", t."lastUsedAt", u."id" AS "userId", u."email", u."name", u."isAdmin", u."deactivatedAt"
    FROM "AccessToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" IN (${Prisma.join(hashes)})`;
  return new Map(rows.map((r) => withAccount(tokenRow.parse(r))).map((r) => [r.tokenHash, r]));
}

/**
 * The roles of (account, document) pairs on live documents, by `key(userId, documentId)`. Asked as
 * accounts × documents (two IN lists, both indexed) and narrowed to the pairs asked for.
 */
export async function rolesOfPairs(
  db: Db,
  pairs: { userId: string; documentId: string }[],
  key: (userId: string, documentId: string) => string,
): Promise<Map<string, Role>> {
  const userIds = [...new Set(pairs.map((p) => p.userId))];
  const documentIds = [...new Set(pairs.map((p) => p.documentId))];
  const rows: unknown[] = await db.$queryRaw`
    SELECT m."userId", m."documentId", m."role" FROM "Membership" m JOIN "Document" d ON d."id" = m."documentId"
    WHERE d."deletedAt" IS NULL AND m."userId" IN (${Prisma.join(userIds)}) AND m."documentId" IN (${Prisma.join(documentIds)})`;
  const asked = new Set(pairs.map((p) => key(p.userId, p.documentId)));
  const roles = new Map<string, Role>();
  for (const r of rows) {
    const { userId, documentId, role } = roleRow.parse(r);
    const k = key(userId, documentId);
    if (asked.has(k)) roles.set(k, role);
  }
  return roles;
}
