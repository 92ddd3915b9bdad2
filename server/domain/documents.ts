// Documents and who may do what with them. Transport-free: the HTTP API, socket.io and the
// collab server all ask this module (errors are DomainError), and every change is announced on the bus.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { DocumentSummary, Role } from "../bus/events";
import { conflict, DomainError, forbidden, notFound } from "./errors";
import type { AuthUser } from "../auth/auth";
import { BatchLoader } from "../db/batchLoader";
import { RecentCache } from "../db/recentCache";
import { rolesOfPairs } from "../db/stormReads";

/** How long `roleOfRecent` may answer from memory (membership changes and deletions forget at once). */
export const RECENT_ROLE_TTL_MS = 15_000;
import type { InheritedAccess, MembershipChange } from "./inheritedAccess";
import { descendantIds, nextPosition } from "./pageTree";

export type { Role };

const canEdit = (role: Role | null) => role === "owner" || role === "editor";

export type DocRow = { id: string; title: string; ownerId: string; createdAt: Date; updatedAt: Date; owner: { name: string } };

export function summary(d: DocRow): DocumentSummary {
  return {
    id: d.id,
    title: d.title,
    ownerId: d.ownerId,
    ownerName: d.owner.name,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The key of one (account, document) pair in the role loader; ids never hold a space (contracts/ids.ts). */
const pairKey = (userId: string, documentId: string) => `${userId} ${documentId}`;

export class Documents {
  // Roles asked for together (every socket of a reconnect storm asks one) are read in one query.
  private readonly roles = new BatchLoader<string, Role>(async (keys: string[]) => {
    const pairs = keys.map((k) => {
      const [userId, documentId] = k.split(" ");
      return { userId, documentId };
    });
    return rolesOfPairs(this.db, pairs, pairKey);
  });

  /** Roles by pair, for `roleOfRecent`; kept honest by server/access/recentLookups.ts. */
  private readonly recentRoles = new RecentCache<string, Role | null>(RECENT_ROLE_TTL_MS);

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    /** Every membership write goes through it: sub-pages that inherit follow at once (nested pages). */
    private readonly inherited: InheritedAccess,
  ) {}

  /** The account's role on a live document; null for a document in the trash, as for one it never saw. */
  async roleOf(userId: string, documentId: string): Promise<Role | null> {
    return (await this.roles.load(pairKey(userId, documentId))) ?? null;
  }

  /**
   * `roleOf` for the paths that come in storms (collab upgrades): a role read in the last few seconds
   * is answered from memory; a membership change, a deletion or a restore forgets it at once (the bus).
   * Only roles are remembered, never "no access".
   */
  roleOfRecent(userId: string, documentId: string): Promise<Role | null> {
    return this.recentRoles.get(
      pairKey(userId, documentId),
      () => this.roleOf(userId, documentId),
      (role) => role !== null,
    );
  }

  forgetRole(userId: string, documentId: string): void {
    this.recentRoles.forget(pairKey(userId, documentId));
  }

  forgetDocument(documentId: string): void {
    this.recentRoles.forgetWhere((_role, key) => key.endsWith(` ${documentId}`));
  }

  /** True when the account is a member of the document and it is in the trash (told "deleted", not "not a member"). */
  async inTrashFor(userId: string, documentId: string): Promise<boolean> {
    return (await this.trashedFor(userId, documentId)) !== null;
  }

  /** What a member is told about a trashed document: that it is there, and who can restore it. Null otherwise. */
  private async trashedFor(userId: string, documentId: string): Promise<DomainError | null> {
    const m = await this.db.membership.findFirst({
      where: { documentId, userId, document: { deletedAt: { not: null } } },
      select: { document: { select: { ownerId: true, owner: { select: { name: true } } } } },
    });
    if (!m) return null;
    const who = m.document.ownerId === userId ? "You can restore it from your Trash." : `Only its owner, ${m.document.owner.name}, can restore it.`;
    return new DomainError("not_found", `This document is in the trash. ${who}`);
  }

  private async memberIds(documentId: string): Promise<string[]> {
    const rows = await this.db.membership.findMany({ where: { documentId }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  /** The caller's role, or 404 when they may not see the document (never reveal that it exists). */
  async requireRole(user: AuthUser, documentId: string, allowed: Role[]): Promise<Role> {
    const role = await this.roleOf(user.id, documentId);
    if (!role) throw (await this.trashedFor(user.id, documentId)) ?? notFound();
    if (!allowed.includes(role)) {
      throw forbidden(
        allowed.length === 1 && allowed[0] === "owner" ? "Only the document's owner can do that." : "You can view this document but not change it.",
      );
    }
    return role;
  }

  async list(user: AuthUser) {
    const rows = await this.db.membership.findMany({
      where: { userId: user.id, document: { deletedAt: null } },
      include: { document: { include: { owner: { select: { name: true } } } } },
      orderBy: { document: { updatedAt: "desc" } },
    });
    return rows.map((m) => ({ ...summary(m.document), role: m.role as Role }));
  }

  async create(user: AuthUser, title: string) {
    const id = crypto.randomUUID();
    const doc = await this.db.document.create({
      data: {
        id,
        title,
        ownerId: user.id,
        position: await nextPosition(this.db, null),
        memberships: { create: { userId: user.id, role: "owner" } },
      },
      include: { owner: { select: { name: true } } },
    });
    const s = summary(doc);
    await this.bus.publish({ type: "document.created", document: s, userIds: [user.id] });
    return { ...s, role: "owner" as Role };
  }

  async get(user: AuthUser, documentId: string) {
    const role = await this.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    const doc = await this.db.document.findUniqueOrThrow({
      where: { id: documentId },
      include: { owner: { select: { name: true } } },
    });
    return { ...summary(doc), role };
  }

  async rename(user: AuthUser, documentId: string, title: string) {
    const role = await this.requireRole(user, documentId, ["owner", "editor"]);
    const doc = await this.db.document.update({
      where: { id: documentId },
      data: { title },
      include: { owner: { select: { name: true } } },
    });
    const s = summary(doc);
    await this.bus.publish({ type: "document.updated", document: s, userIds: await this.memberIds(documentId) });
    return { ...s, role };
  }

  /** Marks the document as edited now (for "recently edited" sorting); called by the collab store. */
  /** Marks documents as just edited (collab batches these: one query for every document due). */
  async touch(documentIds: string[]): Promise<void> {
    await this.db.document.updateMany({ where: { id: { in: documentIds } }, data: { updatedAt: new Date() } });
  }

  /**
   * Moves the document to the trash (server/domain/trash.ts restores it or deletes it for good). Its
   * rows stay; everywhere live it is deleted: the same `document.deleted` event ends every channel's hold on it.
   */
  async remove(user: AuthUser, documentId: string): Promise<void> {
    await this.requireRole(user, documentId, ["owner"]);
    // Its live sub-pages go with it, at the same instant: the trash restores them together (trash.ts).
    const ids = [documentId, ...(await descendantIds(this.db, documentId, { deletedAt: null }))];
    const deletedAt = new Date();
    for (const id of ids) {
      const userIds = await this.memberIds(id);
      const before = await this.db.document.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });
      const doc = await this.db.document.update({
        where: { id },
        // updatedAt kept: being trashed is not an edit (a restored document sorts where it was).
        data: { deletedAt, deletedById: user.id, updatedAt: before.updatedAt },
        select: { title: true },
      });
      await this.bus.publish({ type: "document.deleted", documentId: id, title: doc.title, userIds, byUserId: user.id });
    }
  }

  async members(user: AuthUser, documentId: string) {
    await this.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    const rows = await this.db.membership.findMany({
      where: { documentId },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const fromIds = [...new Set(rows.flatMap((m) => (m.inheritedFrom ? [m.inheritedFrom] : [])))];
    const sources = await this.db.document.findMany({
      where: { id: { in: fromIds } },
      select: { id: true, title: true, memberships: { where: { userId: user.id }, select: { role: true } } },
    });
    // The ancestor's title only for a caller who can open it themselves.
    const titles = new Map(sources.map((d) => [d.id, d.memberships.length > 0 ? d.title : null]));
    return rows.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role as Role,
      inheritedFrom: m.inheritedFrom ? { id: m.inheritedFrom, title: titles.get(m.inheritedFrom) ?? null } : null,
    }));
  }

  async addMember(user: AuthUser, documentId: string, email: string, role: "editor" | "viewer") {
    await this.requireRole(user, documentId, ["owner"]);
    const target = await this.db.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!target) throw new DomainError("not_found", "No Tandem account uses that email. Ask them to sign up first.", "email");
    const existing = await this.rowOf(target.id, documentId);
    if (existing && existing.inheritedFrom === null) throw conflict(`${target.name} is already a member (${existing.role}).`, "email");
    // Inherited from a parent page: granted here it becomes the page's own (and wins over the inherited role).
    await this.writeMembership(user, documentId, target.id, (existing?.role as Role | undefined) ?? null, role);
    return { userId: target.id, name: target.name, email: target.email, role, inheritedFrom: null };
  }

  async changeRole(user: AuthUser, documentId: string, userId: string, role: "editor" | "viewer") {
    await this.requireRole(user, documentId, ["owner"]);
    const previous = await this.roleOf(userId, documentId);
    if (!previous) throw notFound("Member");
    if (previous === "owner") throw forbidden("The owner's role cannot be changed.");
    // An inherited member given a role here keeps it as the page's own, whatever the parent says later.
    await this.writeMembership(user, documentId, userId, previous, role);
    const m = await this.db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    return { userId, name: m.name, email: m.email, role, inheritedFrom: null };
  }

  async removeMember(user: AuthUser, documentId: string, userId: string): Promise<void> {
    // Members may leave a document themselves; only the owner removes others.
    const callerRole = await this.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    if (userId !== user.id && callerRole !== "owner") throw forbidden("Only the document's owner can do that.");
    const row = await this.rowOf(userId, documentId);
    if (!row) throw notFound("Member");
    if (row.role === "owner") throw forbidden("The owner cannot be removed. Delete the document instead.");
    if (row.inheritedFrom !== null) {
      const from = await this.db.document.findUnique({ where: { id: row.inheritedFrom }, select: { title: true } });
      throw conflict(`This access comes from the page '${from?.title ?? "above"}'. Remove it there, or stop this page sharing its parent's members.`);
    }
    await this.writeMembership(user, documentId, userId, row.role as Role, null);
  }

  /**
   * An invitation was accepted (server/domain/invitations.ts): the account joins with the invited
   * role, announced as the inviter's doing. False when it already had access.
   */
  async admit(inviter: Pick<AuthUser, "id" | "name">, documentId: string, userId: string, role: "editor" | "viewer"): Promise<boolean> {
    if (await this.roleOf(userId, documentId)) return false;
    const created = await this.db.membership.create({ data: { documentId, userId, role } }).then(
      () => true,
      (e: { code?: string }) => {
        if (e.code === "P2002") return false; // joined meanwhile (the same invitation, accepted twice at once)
        throw e;
      },
    );
    // Joined: announced, and the page's sub-pages that inherit get the new member too.
    if (created)
      await this.inherited.apply(inviter, [documentId], async () => ({ changes: [{ documentId, userId, previousRole: null, role }], result: undefined }));
    return created;
  }

  private rowOf(userId: string, documentId: string) {
    return this.db.membership.findFirst({ where: { documentId, userId, document: { deletedAt: null } }, select: { role: true, inheritedFrom: true } });
  }

  /**
   * Sets (role) or removes (null) the account's own membership of the document, then works out the
   * inherited rows of the document and its sub-pages again, in one transaction; announces the net change.
   */
  private async writeMembership(by: Pick<AuthUser, "id" | "name">, documentId: string, userId: string, previousRole: Role | null, role: Role | null) {
    await this.inherited.apply(by, [documentId], async (tx) => {
      const where = { documentId_userId: { documentId, userId } };
      if (role === null) await tx.membership.delete({ where });
      else await tx.membership.upsert({ where, create: { documentId, userId, role }, update: { role, inheritedFrom: null } });
      const changes: MembershipChange[] = [{ documentId, userId, previousRole, role }];
      return { changes, result: undefined };
    });
  }
}

export { canEdit };
