// Sharing a document with an email that has no account yet. The owner's "share with" creates a
// pending invitation and mails its link (/invite/<token>, valid INVITATION_TTL_MS); opening it and
// signing up or in with that email makes the membership. Signing up with an invited email honours
// every pending invitation for it, link or not. Only the token's keyed hash is stored.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import type { AuthUser } from "../auth/auth";
import type { Documents } from "./documents";
import type { Member } from "../../lib/contracts/members";
import type { AcceptedInvitation, InvitationCreated, InvitationView, PendingInvitation } from "../../lib/contracts/invitations";
import { hashToken, newToken } from "../auth/tokens";
import { conflict, DomainError, forbidden, notFound } from "./errors";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

type Role = "editor" | "viewer";
type InvitationRow = { id: string; email: string; role: string; createdAt: Date; expiresAt: Date; invitedBy: { name: string } };

export type InvitationsDeps = { db: Db; documents: Documents; mailer: Mailer; log: Logger; sessionSecret: string };

export class Invitations {
  constructor(private readonly deps: InvitationsDeps) {}

  /**
   * The owner shares with `email`: an existing account becomes a member at once (a Member); any
   * other address gets a pending invitation, mailed when mail is set up (an InvitationCreated).
   * `origin`: where the link points (PUBLIC_URL, else the page the owner used).
   */
  async addOrInvite(owner: AuthUser, documentId: string, email: string, role: Role, origin: string): Promise<Member | InvitationCreated> {
    const { db, documents } = this.deps;
    const address = email.toLowerCase();
    if (await db.user.findUnique({ where: { email: address }, select: { id: true } })) return documents.addMember(owner, documentId, address, role);
    await documents.requireRole(owner, documentId, ["owner"]);
    const pending = await db.invitation.findFirst({
      where: { documentId, email: address, acceptedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (pending) throw conflict(`${address} is already invited. Use “Resend” in the list below to send the link again.`, "email");
    const token = newToken();
    const row = await db.invitation.create({
      data: {
        id: crypto.randomUUID(),
        documentId,
        email: address,
        role,
        invitedById: owner.id,
        tokenHash: this.hash(token),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      include: { invitedBy: { select: { name: true } } },
    });
    this.deps.log.info({ byUserId: owner.id, documentId, invitationId: row.id }, "invitation created");
    return this.send(owner, documentId, row, token, origin);
  }

  /** The pending invitations of a document (its owner only). */
  async list(owner: AuthUser, documentId: string): Promise<PendingInvitation[]> {
    await this.deps.documents.requireRole(owner, documentId, ["owner"]);
    const rows = await this.deps.db.invitation.findMany({
      where: { documentId, acceptedAt: null, expiresAt: { gt: new Date() } },
      include: { invitedBy: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map(pendingView);
  }

  /** A new link (the old one stops working) and a fresh week, sent again. */
  async resend(owner: AuthUser, documentId: string, invitationId: string, origin: string): Promise<InvitationCreated> {
    await this.pendingOf(owner, documentId, invitationId);
    const token = newToken();
    const row = await this.deps.db.invitation.update({
      where: { id: invitationId },
      data: { tokenHash: this.hash(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
      include: { invitedBy: { select: { name: true } } },
    });
    this.deps.log.info({ byUserId: owner.id, documentId, invitationId }, "invitation resent");
    return this.send(owner, documentId, row, token, origin);
  }

  /** Cancelled invitations end now but stay, so their link can still say whom to ask. */
  async cancel(owner: AuthUser, documentId: string, invitationId: string): Promise<void> {
    await this.pendingOf(owner, documentId, invitationId);
    await this.deps.db.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date() } });
    this.deps.log.info({ byUserId: owner.id, documentId, invitationId }, "invitation cancelled");
  }

  /** What the link's page shows; anyone holding the link may read it. */
  async view(token: string): Promise<InvitationView> {
    const row = await this.byToken(token);
    if (!isPending(row)) return { state: "invalid", invitedByName: row.invitedBy.name };
    const account = await this.deps.db.user.findUnique({ where: { email: row.email }, select: { id: true } });
    return {
      state: "pending",
      email: row.email,
      role: row.role as Role,
      documentTitle: row.document.title,
      invitedByName: row.invitedBy.name,
      accountExists: account !== null,
    };
  }

  /** The signed-in account takes the invitation: it must be the invited address. */
  async accept(user: AuthUser, token: string): Promise<AcceptedInvitation> {
    const row = await this.byToken(token);
    // Signing up honoured it already (the link's own sign-up lands here next): nothing more to do.
    if (row.acceptedAt && row.email === user.email && (await this.deps.documents.roleOf(user.id, row.documentId))) return { documentId: row.documentId };
    if (!isPending(row)) throw noLongerValid(row.invitedBy.name);
    if (row.email !== user.email) throw forbidden(`This invitation was sent to ${row.email}. Sign in with that email to accept it.`);
    await this.admit(user, row);
    return { documentId: row.documentId };
  }

  /** A new account: every pending invitation to its email becomes a membership. */
  async honour(user: AuthUser): Promise<number> {
    const rows = await this.deps.db.invitation.findMany({
      where: { email: user.email, acceptedAt: null, expiresAt: { gt: new Date() }, document: { deletedAt: null } },
      include: { invitedBy: { select: { id: true, name: true } } },
    });
    for (const row of rows) await this.admit(user, row);
    return rows.length;
  }

  private async admit(user: AuthUser, row: { id: string; documentId: string; role: string; invitedBy: { id: string; name: string } }): Promise<void> {
    // Marked first, and only if still pending: two accepts at once admit once.
    const { count } = await this.deps.db.invitation.updateMany({ where: { id: row.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (count === 0) return;
    await this.deps.documents.admit(row.invitedBy, row.documentId, user.id, row.role as Role);
    this.deps.log.info({ userId: user.id, documentId: row.documentId, invitationId: row.id }, "invitation accepted");
  }

  private async pendingOf(owner: AuthUser, documentId: string, invitationId: string): Promise<void> {
    await this.deps.documents.requireRole(owner, documentId, ["owner"]);
    const row = await this.deps.db.invitation.findFirst({
      where: { id: invitationId, documentId, acceptedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (!row) throw notFound("Invitation");
  }

  private async byToken(token: string) {
    const row = await this.deps.db.invitation.findUnique({
      where: { tokenHash: this.hash(token) },
      include: { invitedBy: { select: { id: true, name: true } }, document: { select: { title: true, deletedAt: true } } },
    });
    if (!row) throw new DomainError("not_found", "This invitation link is not valid. Ask the person who invited you for a new one.");
    return row;
  }

  private async send(owner: AuthUser, documentId: string, row: InvitationRow, token: string, origin: string): Promise<InvitationCreated> {
    const { db, mailer, log } = this.deps;
    const url = `${origin}/invite/${token}`;
    const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
    const can = row.role === "editor" ? "edit" : "view";
    try {
      await mailer.send({
        to: row.email,
        subject: `${owner.name} shared “${doc.title}” with you on Tandem`,
        text:
          `${owner.name} (${owner.email}) invited you to ${can} “${doc.title}” on Tandem.\n\n` +
          `Open this link to accept (it works for 7 days):\n${url}\n\n` +
          "If you did not expect this email, you can ignore it.\n",
      });
    } catch (err) {
      // The invitation stands: the owner is shown the link to pass on instead.
      log.warn({ err: (err as Error).message, invitationId: row.id }, "invitation email could not be sent");
      return { invitation: pendingView(row), emailed: false, url };
    }
    return mailer.delivers ? { invitation: pendingView(row), emailed: true } : { invitation: pendingView(row), emailed: false, url };
  }

  private hash(token: string): string {
    return hashToken(token, this.deps.sessionSecret);
  }
}

function isPending(row: { acceptedAt: Date | null; expiresAt: Date; document: { deletedAt: Date | null } }): boolean {
  return row.acceptedAt === null && row.expiresAt.getTime() > Date.now() && row.document.deletedAt === null;
}

function noLongerValid(inviter: string): DomainError {
  return new DomainError("not_found", `This invitation is no longer valid — ask ${inviter} for a new one.`);
}

function pendingView(row: InvitationRow): PendingInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    invitedByName: row.invitedBy.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
