// Which share links still work, by id, for the access authority's periodic re-check: a link revoked
// or expired by hand in the database, or whose document went to the trash, is found here.
import type { Db } from "../db/client";

const BATCH = 500;

export async function currentLinks(db: Db, ids: string[], now = new Date()): Promise<Set<string>> {
  const live = new Set<string>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db.shareLink.findMany({
      where: { id: { in: ids.slice(i, i + BATCH) }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }], document: { deletedAt: null } },
      select: { id: true },
    });
    for (const r of rows) live.add(r.id);
  }
  return live;
}
