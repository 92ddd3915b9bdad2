// Nested pages (lib/contracts/pages.ts): the caller's tree, breadcrumbs, sub-pages, moves and the
// "share with sub-pages" switch. Who may see a page is the Membership table as always; the inherited
// rows in it are kept by inheritedAccess.ts, which every change here goes through. Transport-free:
// errors are DomainError, and every account whose tree view changed is told on the bus (pages.changed).
import crypto from "node:crypto";
import type { AuthUser } from "../auth/auth";
import type { EventBus } from "../bus/bus";
import type { Role } from "../bus/events";
import type { Db } from "../db/client";
import type { Breadcrumb, PageNode } from "../../lib/contracts/pages";
import type { ListedDocument } from "../../lib/contracts/documents";
import { conflict, forbidden, notFound } from "./errors";
import { summary, type Documents } from "./documents";
import { MAX_DEPTH, type InheritedAccess, type Tx } from "./inheritedAccess";
import { isSelfOrUnder, nextPosition, placeAmong, setPlace, siblingOrder } from "./pageTree";
import { placeAtTopLevel, topLevelOrder } from "./topLevelOrder";

const ANY_ROLE: Role[] = ["owner", "editor", "viewer"];
const pageSelect = { id: true, title: true, parentId: true, position: true, inheritAccess: true } as const;

export class Pages {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly documents: Documents,
    private readonly inherited: InheritedAccess,
  ) {}

  /**
   * Every live page the caller can open; one whose parent they cannot open is a root for them. A
   * sub-page's position is the shared one (its parent's order); a root's is its place in the caller's
   * own top level (topLevelOrder.ts), 1, 2, 3 …
   */
  async tree(user: AuthUser): Promise<PageNode[]> {
    const rows = await this.db.membership.findMany({
      where: { userId: user.id, document: { deletedAt: null } },
      select: { role: true, createdAt: true, document: { select: pageSelect } },
      orderBy: siblingOrder.map((o) => ({ document: o })),
    });
    const visible = new Set(rows.map((r) => r.document.id));
    const nodes = rows.map((r) => {
      const { parentId } = r.document;
      const parentVisible = parentId !== null && visible.has(parentId);
      return { ...r.document, parentId: parentVisible ? parentId : null, parentHidden: parentId !== null && !parentVisible, role: r.role as Role };
    });
    const roots = rows.flatMap((r, i) => (nodes[i]?.parentId === null ? [{ id: r.document.id, since: r.createdAt }] : []));
    const place = new Map((await topLevelOrder(this.db, user.id, roots)).map((id, i) => [id, i + 1]));
    return nodes.map((n) => (n.parentId === null ? { ...n, position: place.get(n.id) ?? n.position } : n));
  }

  /** The caller's top level in their own order. */
  private async topLevel(user: AuthUser): Promise<string[]> {
    const roots = (await this.tree(user)).filter((n) => n.parentId === null);
    return roots.sort((a, b) => a.position - b.position).map((n) => n.id);
  }

  /** The ancestors the caller can open, root first, ending with the page's parent; a hidden one cuts the trail. */
  async breadcrumbs(user: AuthUser, pageId: string): Promise<Breadcrumb[]> {
    await this.documents.requireRole(user, pageId, ANY_ROLE);
    const page = await this.db.document.findUniqueOrThrow({ where: { id: pageId }, select: { parentId: true } });
    const crumbs: Breadcrumb[] = [];
    let current = page.parentId;
    for (let depth = 0; current !== null && depth < MAX_DEPTH; depth++) {
      const m = await this.db.membership.findFirst({
        where: { documentId: current, userId: user.id, document: { deletedAt: null } },
        select: { document: { select: { id: true, title: true, parentId: true } } },
      });
      if (!m) break;
      crumbs.unshift({ id: m.document.id, title: m.document.title });
      current = m.document.parentId;
    }
    return crumbs;
  }

  /** A new sub-page of `parentId` (the caller edits the parent), appended last; the caller owns it. */
  async createSubpage(user: AuthUser, title: string, parentId: string): Promise<ListedDocument> {
    await this.documents.requireRole(user, parentId, ["owner", "editor"]);
    const id = crypto.randomUUID();
    await this.inherited.apply(user, [id], async (tx) => {
      const position = await nextPosition(tx, parentId);
      await tx.document.create({ data: { id, title, ownerId: user.id, parentId, position, memberships: { create: { userId: user.id, role: "owner" } } } });
      return { changes: [], result: undefined };
    });
    const doc = await this.db.document.findUniqueOrThrow({ where: { id }, include: { owner: { select: { name: true } } } });
    const s = summary(doc);
    await this.bus.publish({ type: "document.created", document: s, userIds: [user.id] });
    await this.changed([id], await this.memberIds(id));
    return { ...s, role: "owner" };
  }

  /**
   * Moves the page under `parentId` (null: top level), in front of `beforeId` (null: last). Its owner
   * or the owner of a page it inherits from may; the caller must edit the new parent. Who may see the
   * page and everything under it is worked out again; a move that would lock the caller out is refused.
   * At the top level the place is the caller's own (topLevelOrder.ts); a page already there for them
   * (also one whose parent they cannot open) is only reordered, for them alone, by any member.
   */
  async move(user: AuthUser, pageId: string, parentId: string | null, beforeId: string | null): Promise<PageNode> {
    await this.documents.requireRole(user, pageId, ANY_ROLE);
    const topLevel = parentId === null ? await this.topLevel(user) : null;
    if (topLevel?.includes(pageId)) {
      // Reordering one's own top level changes nothing for anyone else: any member may.
      await this.db.$transaction((tx) => placeAtTopLevel(tx, user.id, topLevel, pageId, beforeId));
      await this.changed([pageId], [user.id]);
      return this.node(user, pageId);
    }
    if (!(await this.mayMove(user.id, pageId))) throw forbidden("Only the page's owner, or the owner of a page it sits under, can move it.");
    if (parentId !== null) {
      await this.documents.requireRole(user, parentId, ["owner", "editor"]);
      if (await isSelfOrUnder(this.db, pageId, parentId)) throw conflict("A page cannot be moved into itself or one of its sub-pages.", "parentId");
    }
    if (beforeId !== null) await this.documents.requireRole(user, beforeId, ANY_ROLE);
    const before = await this.memberIds(pageId);
    await this.inherited.apply(
      user,
      [pageId],
      async (tx) => {
        // At the top level the shared position only breaks ties for those who have no place for it yet.
        await setPlace(tx, pageId, parentId, await placeAmong(tx, pageId, parentId, topLevel ? null : beforeId));
        if (topLevel) await placeAtTopLevel(tx, user.id, topLevel, pageId, beforeId);
        return { changes: [], result: undefined };
      },
      (tx) =>
        this.keepsAccess(
          tx,
          user.id,
          pageId,
          "Moving it there would take away your own access to it. Ask the owner of the new place to share it with you first.",
        ),
    );
    await this.changed([pageId], [...before, ...(await this.memberIds(pageId))]);
    return this.node(user, pageId);
  }

  /** Switches whether the page shares its parent's members (owner only); the subtree is worked out again. */
  async setInheritAccess(user: AuthUser, pageId: string, inheritAccess: boolean): Promise<PageNode> {
    await this.documents.requireRole(user, pageId, ["owner"]);
    const before = await this.memberIds(pageId);
    await this.inherited.apply(user, [pageId], async (tx) => {
      const { updatedAt } = await tx.document.findUniqueOrThrow({ where: { id: pageId }, select: { updatedAt: true } });
      // updatedAt kept: who may see it is not an edit of its text.
      await tx.document.update({ where: { id: pageId }, data: { inheritAccess, updatedAt } });
      return { changes: [], result: undefined };
    });
    await this.changed([pageId], [...before, ...(await this.memberIds(pageId))]);
    return this.node(user, pageId);
  }

  /** The page as the caller's tree lists it. */
  async node(user: AuthUser, pageId: string): Promise<PageNode> {
    await this.documents.requireRole(user, pageId, ANY_ROLE);
    const node = (await this.tree(user)).find((n) => n.id === pageId);
    if (!node) throw notFound("Page");
    return node;
  }

  /** The page's owner, or the owner of an ancestor it inherits from (along an unbroken chain). */
  private async mayMove(userId: string, pageId: string): Promise<boolean> {
    let current: { ownerId: string; parentId: string | null; inheritAccess: boolean } | null = await this.db.document.findUnique({
      where: { id: pageId },
      select: { ownerId: true, parentId: true, inheritAccess: true },
    });
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      if (current.ownerId === userId) return true;
      if (!current.inheritAccess || current.parentId === null) return false;
      current = await this.db.document.findUnique({ where: { id: current.parentId }, select: { ownerId: true, parentId: true, inheritAccess: true } });
    }
    return false;
  }

  private async keepsAccess(tx: Tx, userId: string, pageId: string, message: string): Promise<void> {
    const m = await tx.membership.findUnique({ where: { documentId_userId: { documentId: pageId, userId } }, select: { role: true } });
    if (!m) throw conflict(message);
  }

  private async memberIds(pageId: string): Promise<string[]> {
    return (await this.db.membership.findMany({ where: { documentId: pageId }, select: { userId: true } })).map((m) => m.userId);
  }

  private async changed(pageIds: string[], userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length > 0) await this.bus.publish({ type: "pages.changed", userIds: unique, pageIds });
  }
}
