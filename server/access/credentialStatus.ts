// Reads the current state of credentials by id (the keyed hash stored as `tokenHash`), in batches,
// for the access authority's periodic re-check. The rows are the ones server/auth/auth.ts writes.
import type { Db } from "../db/client";

/** A credential that still works: whose it is and when it stops (null: an access token, until revoked). */
export type CredentialStatus = { userId: string; expiresAt: Date | null };

/** SQLite and PostgreSQL both take a few hundred bound parameters per query without trouble. */
const BATCH = 500;

/** The credentials among `ids` that still work now; missing ones were revoked, expired, deleted or their account deactivated. */
export async function currentCredentials(db: Db, ids: string[], now = Date.now()): Promise<Map<string, CredentialStatus>> {
  const found = new Map<string, CredentialStatus>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [sessions, tokens] = await Promise.all([
      db.session.findMany({ where: { tokenHash: { in: batch }, user: { deactivatedAt: null } }, select: { tokenHash: true, userId: true, expiresAt: true } }),
      db.accessToken.findMany({ where: { tokenHash: { in: batch }, user: { deactivatedAt: null } }, select: { tokenHash: true, userId: true } }),
    ]);
    for (const s of sessions) if (s.expiresAt.getTime() > now) found.set(s.tokenHash, { userId: s.userId, expiresAt: s.expiresAt });
    for (const t of tokens) found.set(t.tokenHash, { userId: t.userId, expiresAt: null });
  }
  return found;
}
