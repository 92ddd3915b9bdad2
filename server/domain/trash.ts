// The trash: documents their owner deleted wait here TRASH_RETENTION_DAYS (lib/trash.ts) with every
// row intact (members, comments, the Yjs log), so a restore gives back exactly what was there. While
// trashed a document is invisible everywhere live (Documents.roleOf answers null for it); only these
// operations see it. Transport-free: errors are DomainError.
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { AuthUser } from "../auth/auth";
import type { Role } from "../bus/events";
import type { TrashedDocument } from "../../lib/contracts/trash";
import { purgeAt, TRASH_RETENTION_MS } from "../../lib/trash";
import { DomainError, forbidden, notFound } from "./errors";
import { summary, type DocRow } from "./documents";
import type { InheritedAccess } from "./inheritedAccess";
import { descendantIds } from "./pageTree";
import { inTrashOrder } from "./trashOrder";

type TrashedRow = DocRow & { deletedAt: Date | null; deletedById: string | null; parentId: string | null };

const withOwner = { owner: { select: { name: true } } } as const;

export class Trash {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly inherited: InheritedAccess,
  ) {}

  /** The caller's own trashed documents: groups most recently deleted first, each in tree order (trashOrder.ts). */
  async list(user: AuthUser): Promise<TrashedDocument[]> {
    const rows = await this.db.document.findMany({ where: { ownerId: user.id, deletedAt: { not: null } }, include: withOwner });
    return this.describe(inTrashOrder(rows));
  }

  /** What a member of a trashed document may know of it (its link's page); strangers get 404. */
  async entry(user: AuthUser, documentId: string): Promise<{ document: TrashedDocument; canRestore: boolean }> {
    const { row, role } = await this.trashedAs(user, documentId);
    const [document] = await this.describe([row]);
    return { document, canRestore: role === "owner" };
  }

  /**
   * Back from the trash with everything it had, and the sub-pages trashed with it; its members'
   * dashboards get them back. Under a parent that is itself in the trash (or gone) it comes back as a
   * top-level page, and who may see it is worked out again from where it now is.
   */
  async restore(user: AuthUser, documentId: string) {
    const { row } = await this.trashedAs(user, documentId, "owner");
    const parent = row.parentId ? await this.db.document.findUnique({ where: { id: row.parentId }, select: { deletedAt: true } }) : null;
    const detach = row.parentId !== null && (!parent || parent.deletedAt !== null);
    const ids = [documentId, ...(await this.trashedWith(documentId, row.deletedAt))];
    for (const id of ids) {
      const before = await this.db.document.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });
      await this.db.document.update({
        where: { id },
        data: { deletedAt: null, deletedById: null, updatedAt: before.updatedAt, ...(id === documentId && detach ? { parentId: null } : {}) },
      });
    }
    // Memberships of ancestors may have changed while it was away: the page and its sub-pages follow now.
    await this.inherited.recompute(user, [documentId]);
    let restored: DocRow | undefined;
    for (const id of ids) {
      const doc = await this.db.document.findUniqueOrThrow({ where: { id }, include: withOwner });
      restored ??= doc;
      const members = await this.db.membership.findMany({ where: { documentId: id }, select: { userId: true } });
      await this.bus.publish({ type: "document.restored", document: summary(doc), userIds: members.map((m) => m.userId) });
    }
    return { ...summary(restored ?? row), role: "owner" as Role };
  }

  /** Deletes a trashed document for good, with the sub-pages trashed with it: their rows go (members, comments and the log by cascade). */
  async destroy(user: AuthUser, documentId: string): Promise<void> {
    const { row } = await this.trashedAs(user, documentId, "owner");
    const ids = [documentId, ...(await this.trashedWith(documentId, row.deletedAt))];
    await this.db.document.deleteMany({ where: { id: { in: ids } } });
  }

  /** The sub-pages trashed in the same act as the page (the same instant), nearest first. */
  private async trashedWith(documentId: string, deletedAt: Date | null): Promise<string[]> {
    if (deletedAt === null) return [];
    return descendantIds(this.db, documentId, { deletedAt });
  }

  /** Deletes for good everything trashed before `before`; the count deleted. */
  async purge(before: Date): Promise<number> {
    const { count } = await this.db.document.deleteMany({ where: { deletedAt: { lt: before } } });
    return count;
  }

  /** The timer's purge: what has waited out its days. */
  purgeExpired(now = new Date()): Promise<number> {
    return this.purge(new Date(now.getTime() - TRASH_RETENTION_MS));
  }

  /** An administrator empties every trash at once. */
  async purgeAll(user: AuthUser): Promise<number> {
    if (!user.isAdmin) throw new DomainError("forbidden", "You need to be an administrator to purge the trash.");
    const { count } = await this.db.document.deleteMany({ where: { deletedAt: { not: null } } });
    return count;
  }

  /** The trashed document and the caller's role on it; 404 unless they are a member, 403 when `need` is more. */
  private async trashedAs(user: AuthUser, documentId: string, need?: "owner"): Promise<{ row: TrashedRow; role: Role }> {
    const m = await this.db.membership.findFirst({
      where: { documentId, userId: user.id, document: { deletedAt: { not: null } } },
      include: { document: { include: withOwner } },
    });
    if (!m) throw notFound("Document in the trash");
    const role = m.role as Role;
    if (need === "owner" && role !== "owner") {
      throw forbidden(`Only the document's owner, ${m.document.owner.name}, can restore it or delete it for good.`);
    }
    return { row: m.document, role };
  }

  private async describe(rows: TrashedRow[]): Promise<TrashedDocument[]> {
    const ids = [...new Set(rows.map((r) => r.deletedById).filter((id): id is string => id !== null))];
    const names = new Map((await this.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    const parentIds = [...new Set(rows.flatMap((r) => (r.parentId ? [r.parentId] : [])))];
    const parents = new Map(
      (await this.db.document.findMany({ where: { id: { in: parentIds }, deletedAt: { not: null } }, select: { id: true, deletedAt: true } })).map((d) => [
        d.id,
        d.deletedAt?.getTime(),
      ]),
    );
    return rows.map((r) => {
      const deletedAt = r.deletedAt ?? new Date(0); // only trashed rows reach here (queried by deletedAt)
      // Trashed in the same act as its parent (trashedWith's rule): it comes back with it.
      const withParent = r.parentId !== null && parents.get(r.parentId) === deletedAt.getTime();
      return {
        ...summary(r),
        deletedAt: deletedAt.toISOString(),
        deletedByName: (r.deletedById && names.get(r.deletedById)) ?? null,
        purgeAt: purgeAt(deletedAt).toISOString(),
        trashedWithId: withParent ? r.parentId : null,
      };
    });
  }
}
