// What the reach routes need to know of an announcement to accept a report (its audience, whether
// it asks for confirmation or can be dismissed), from memory: a burst of thousands of tabs
// reporting the same announcement costs one database read, not one per request. Forgotten on every
// announcement change (the bus reaches every instance), so an edited audience is read again; the
// writes themselves join the Announcement row, so a report racing a delete or an edit never stores
// anything the database would not.
import type { Audience } from "../../lib/announcements/types";
import type { Db } from "../db/client";

export type AnnouncementFacts = { audience: Audience; requiresAck: boolean; dismissible: boolean };

/** Enough for every live announcement and some junk ids; past it the memory starts over. */
const MAX_REMEMBERED = 2000;

export class AnnouncementFactsCache {
  private readonly known = new Map<string, AnnouncementFacts | null>();
  /** Bumped by forget(): a read that started before it does not store what it found. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Facts of these ids (null: no such announcement), reading only those not in memory, in one query. */
  async get(ids: readonly string[]): Promise<Map<string, AnnouncementFacts | null>> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    const found = new Map<string, AnnouncementFacts | null>();
    if (missing.length > 0) {
      const generation = this.generation;
      const rows = await this.db.announcement.findMany({
        where: { id: { in: missing } },
        select: { id: true, audience: true, requiresAck: true, dismissible: true },
      });
      for (const id of missing) found.set(id, null);
      for (const { id, audience, requiresAck, dismissible } of rows) found.set(id, { audience: audience as Audience, requiresAck, dismissible });
      if (generation === this.generation) {
        if (this.known.size + found.size > MAX_REMEMBERED) this.known.clear();
        for (const [id, facts] of found) this.known.set(id, facts);
      }
    }
    return new Map(ids.map((id) => [id, found.has(id) ? (found.get(id) ?? null) : (this.known.get(id) ?? null)]));
  }

  async one(id: string): Promise<AnnouncementFacts | null> {
    return (await this.get([id])).get(id) ?? null;
  }

  /** An announcement was created, edited or revoked somewhere. */
  forget(): void {
    this.generation++;
    this.known.clear();
  }
}
