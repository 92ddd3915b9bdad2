// The dashboard's shortcuts: documents an account starred (Favourites) and the ones it opened last
// (Recently opened). Both are listed only while the account can still open the document: its
// membership of a live document, the same rule as Documents.roleOf (a removed membership or a trashed
// document drops out of both lists at once, with no clean-up needed; the rows come back with access).
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { AuthUser } from "../auth/auth";
import type { Role } from "../bus/events";
import type { ListedDocument } from "../../lib/contracts/documents";
import { RECENT_LIMIT } from "../../lib/contracts/shortcuts";
import { summary, type Documents } from "./documents";

/** "Recently opened" is written at most this often per account and document. */
export const RECENT_WRITE_INTERVAL_MS = 60_000;
/** The in-memory memory of the last writes is bounded; when full it starts over (a few extra writes). */
const REMEMBERED_OPENS = 50_000;

/** The Prisma filter for "a document this account can open now" (see Documents.roleOf). */
const openableBy = (userId: string) => ({ deletedAt: null, memberships: { some: { userId } } });

const withRole = (userId: string) => ({ owner: { select: { name: true } }, memberships: { where: { userId }, select: { role: true } } });

type Row = Parameters<typeof summary>[0] & { memberships: Array<{ role: string }> };
const listed = (d: Row): ListedDocument => ({ ...summary(d), role: d.memberships[0].role as Role });

export class Shortcuts {
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly documents: Documents,
    private readonly bus: EventBus,
  ) {}

  async favourite(user: AuthUser, documentId: string): Promise<void> {
    await this.documents.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    await this.db.favourite.upsert({
      where: { userId_documentId: { userId: user.id, documentId } },
      update: {},
      create: { userId: user.id, documentId },
    });
    await this.bus.publish({ type: "favourites.changed", userId: user.id });
  }

  async unfavourite(user: AuthUser, documentId: string): Promise<void> {
    await this.documents.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    await this.db.favourite.deleteMany({ where: { userId: user.id, documentId } });
    await this.bus.publish({ type: "favourites.changed", userId: user.id });
  }

  async favourites(user: AuthUser): Promise<ListedDocument[]> {
    const rows = await this.db.favourite.findMany({
      where: { userId: user.id, document: openableBy(user.id) },
      include: { document: { include: withRole(user.id) } },
      orderBy: { createdAt: "desc" },
    });
    return rows.map((r) => listed(r.document));
  }

  async recent(user: AuthUser): Promise<ListedDocument[]> {
    const rows = await this.db.recentOpen.findMany({
      where: { userId: user.id, document: openableBy(user.id) },
      include: { document: { include: withRole(user.id) } },
      orderBy: { openedAt: "desc" },
      take: RECENT_LIMIT,
    });
    return rows.map((r) => listed(r.document));
  }

  /**
   * The account opened the document (its page read it). Called after the read was allowed. One
   * upsert at most per minute per account and document on this instance: a reload storm is not a write storm.
   */
  async opened(userId: string, documentId: string, now = Date.now()): Promise<void> {
    const key = `${userId}\0${documentId}`;
    const last = this.lastWrite.get(key);
    if (last !== undefined && now - last < RECENT_WRITE_INTERVAL_MS) return;
    if (this.lastWrite.size >= REMEMBERED_OPENS) this.lastWrite.clear();
    this.lastWrite.set(key, now);
    const openedAt = new Date(now);
    await this.db.recentOpen.upsert({
      where: { userId_documentId: { userId, documentId } },
      update: { openedAt },
      create: { userId, documentId, openedAt },
    });
  }
}
