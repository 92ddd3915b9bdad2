// Share links: "anyone with the link can view / edit" one document. Transport-free (DomainError);
// every change that narrows access is announced on the bus, and the access authority
// (server/access/liveAccess.ts) ends or re-roles the connections that came in through the link.
//
// A link opens its page's sub-pages too, with the link's role, as far down as each keeps inheriting
// access (Document.inheritAccess): `openedBy` says which pages' links open a given page.
//
// Only the document's owner makes, lists, changes and revokes links: a link lets people in without
// being members, which is the owner's decision as adding members is (editors cannot add members either).
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { AuthUser } from "../auth/auth";
import type { LinkSecrets } from "../auth/linkTokens";
import type { ShareLink, LinkRole } from "../../lib/contracts/shareLinks";
import type { Documents } from "./documents";
import { notFound } from "./errors";
import { MAX_DEPTH } from "./inheritedAccess";

/** A link that works now: what it grants, and until when. */
export type LiveLink = { id: string; documentId: string; role: LinkRole; expiresAt: Date | null };

type Row = { id: string; documentId: string; tokenSealed: string; role: string; createdAt: Date; expiresAt: Date | null };

/** The conditions of a working link, for Prisma's `where`: not revoked, not expired, document not in the trash. */
const liveWhere = (now: Date) => ({
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  document: { deletedAt: null },
});

export class ShareLinks {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly documents: Documents,
    private readonly secrets: LinkSecrets,
  ) {}

  async create(user: AuthUser, documentId: string, input: { role: LinkRole; expiresAt?: string | null }, origin: string): Promise<ShareLink> {
    await this.documents.requireRole(user, documentId, ["owner"]);
    const token = this.secrets.newToken();
    const row = await this.db.shareLink.create({
      data: {
        id: crypto.randomUUID(),
        documentId,
        tokenHash: this.secrets.hash(token),
        tokenSealed: this.secrets.seal(token),
        role: input.role,
        createdById: user.id,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      },
    });
    return this.view(row, origin, token);
  }

  /** The document's working links, newest first (revoked and expired ones are not listed). */
  async list(user: AuthUser, documentId: string, origin: string): Promise<ShareLink[]> {
    await this.documents.requireRole(user, documentId, ["owner"]);
    const rows = await this.db.shareLink.findMany({
      where: { documentId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      orderBy: { createdAt: "desc" },
    });
    return rows.map((r) => this.view(r, origin));
  }

  async changeRole(user: AuthUser, documentId: string, linkId: string, role: LinkRole, origin: string): Promise<ShareLink> {
    await this.documents.requireRole(user, documentId, ["owner"]);
    const before = await this.db.shareLink.findFirst({ where: { id: linkId, documentId, revokedAt: null } });
    if (!before) throw notFound("Link");
    const row = await this.db.shareLink.update({ where: { id: linkId }, data: { role } });
    if (before.role !== role) await this.bus.publish({ type: "share-link.changed", documentId, linkId, role });
    return this.view(row, origin);
  }

  async revoke(user: AuthUser, documentId: string, linkId: string): Promise<void> {
    await this.documents.requireRole(user, documentId, ["owner"]);
    const { count } = await this.db.shareLink.updateMany({ where: { id: linkId, documentId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw notFound("Link");
    await this.bus.publish({ type: "share-link.revoked", documentId, linkId });
  }

  /** The link a token opens, if it works now; null for revoked, expired, unknown and trashed alike. */
  async live(token: string): Promise<LiveLink | null> {
    const row = await this.db.shareLink.findFirst({
      where: { tokenHash: this.secrets.hash(token), ...liveWhere(new Date()) },
      select: { id: true, documentId: true, role: true, expiresAt: true },
    });
    return row ? { ...row, role: row.role as LinkRole } : null;
  }

  /**
   * The pages whose links open `documentId`: itself, then its parent, grandparent … while each page on
   * the way inherits access. A page in the trash is opened by no link.
   */
  async openedBy(documentId: string): Promise<string[]> {
    const chain: string[] = [];
    let current = await this.db.document.findUnique({ where: { id: documentId }, select: { id: true, parentId: true, inheritAccess: true, deletedAt: true } });
    for (let depth = 0; current && current.deletedAt === null && depth <= MAX_DEPTH; depth++) {
      chain.push(current.id);
      if (!current.inheritAccess || current.parentId === null) break;
      current = await this.db.document.findUnique({
        where: { id: current.parentId },
        select: { id: true, parentId: true, inheritAccess: true, deletedAt: true },
      });
    }
    return chain;
  }

  /** True when the link (made on its own page) opens `documentId`: that page or a sub-page that inherits. */
  async opens(link: LiveLink, documentId: string): Promise<boolean> {
    return link.documentId === documentId || (await this.openedBy(documentId)).includes(link.documentId);
  }

  /**
   * The sub-pages a link's page opens (those that inherit, level by level), for the guest's page list:
   * live ones in tree order, each with its parent.
   */
  async subpagesOf(pageId: string): Promise<{ id: string; title: string; parentId: string }[]> {
    const out: { id: string; title: string; parentId: string }[] = [];
    let level = [pageId];
    for (let depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
      const rows = await this.db.document.findMany({
        where: { parentId: { in: level }, inheritAccess: true, deletedAt: null },
        select: { id: true, title: true, parentId: true },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      });
      for (const r of rows) out.push({ id: r.id, title: r.title, parentId: r.parentId ?? pageId });
      level = rows.map((r) => r.id);
    }
    return out;
  }

  /** What a guest's page list shows: the link's page (its title) and the sub-pages it opens. */
  async pageList(pageId: string): Promise<{ documentId: string; title: string; pages: { id: string; title: string; parentId: string }[] }> {
    const { title } = await this.db.document.findUniqueOrThrow({ where: { id: pageId }, select: { title: true } });
    return { documentId: pageId, title, pages: await this.subpagesOf(pageId) };
  }

  /** Which of these link ids still work (the access authority's periodic re-check). */
  async liveIds(ids: string[]): Promise<Map<string, LiveLink>> {
    const rows = await this.db.shareLink.findMany({
      where: { id: { in: ids }, ...liveWhere(new Date()) },
      select: { id: true, documentId: true, role: true, expiresAt: true },
    });
    return new Map(rows.map((r) => [r.id, { ...r, role: r.role as LinkRole }]));
  }

  private view(row: Row, origin: string, token = this.secrets.open(row.tokenSealed)): ShareLink {
    return {
      id: row.id,
      // A link sealed under a previous SESSION_SECRET cannot be shown again (and no longer opens: its hash changed too).
      url: token ? `${origin}/s/${token}` : "",
      role: row.role as LinkRole,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
  }
}
