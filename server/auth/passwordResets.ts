// Password resets: "Forgot password?" mails a link (/reset/<token>) when mail is set up; an
// administrator can make one for a person on the People page (shown once, to copy) when it is not.
// Only the token's keyed hash is stored (PasswordReset.tokenHash); a link works for an hour, once.
// Asking always gets the same answer, at the same speed (the mail goes out after the answer), so the
// form does not tell whether an email has an account. Setting the new password ends every session of
// the account (and their live connections, through the bus).
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import type { AuthUser, Auth } from "./auth";
import type { Account } from "./account";
import type { ResetLinkResponse, ResetView } from "../../lib/contracts/account";
import { hashToken, newToken } from "./tokens";
import { hashPassword } from "./password";
import { checkNewPassword } from "./passwordPolicy";
import { conflict, DomainError, notFound } from "../domain/errors";

export const RESET_TTL_MS = 3600_000;
export const RESET_LINK_USED = "This reset link has expired or was already used. Ask for a new one from the sign-in page.";

export type PasswordResetsDeps = { db: Db; auth: Auth; account: Account; mailer: Mailer; log: Logger; sessionSecret: string };

export class PasswordResets {
  constructor(private readonly deps: PasswordResetsDeps) {}

  /**
   * "Forgot password?": mails a link to `email` when an active account uses it and it has not been
   * sent too many this hour. Resolves once counted; the lookup and the mail happen afterwards.
   * Throws 429 only for the network's own budget (which says nothing about the email).
   */
  async request(email: string, origin: string, address: string): Promise<void> {
    const address_ = email.toLowerCase();
    const mayMail = await this.deps.auth.throttle.beginResetRequest(address_, address);
    if (!mayMail) return;
    void this.mail(address_, origin).catch((err) => this.deps.log.warn({ err: (err as Error).message }, "password reset mail failed"));
  }

  /** An administrator makes a link for someone (no email is sent): shown to them once. */
  async createByAdmin(admin: AuthUser, userId: string, origin: string): Promise<ResetLinkResponse> {
    if (!admin.isAdmin) throw new DomainError("forbidden", "You need to be an administrator to manage people.");
    const user = await this.deps.db.user.findUnique({ where: { id: userId }, select: { id: true, deactivatedAt: true } });
    if (!user) throw notFound("Account");
    // Its link would not work (a deactivated account cannot sign in): say so instead of handing out a dead one.
    if (user.deactivatedAt) throw conflict("This account is deactivated. Reactivate it first, then make a reset link.");
    const { url, expiresAt } = await this.create(userId, origin, admin.id);
    this.deps.log.info({ byUserId: admin.id, userId }, "people: password reset link made");
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /** Whether a link still works, and for which email (its page says so before a password is typed). */
  async view(token: string): Promise<ResetView> {
    const row = await this.live(token);
    return row ? { state: "valid", email: row.user.email, expiresAt: row.expiresAt.toISOString() } : { state: "invalid" };
  }

  /** Sets the new password through the link, once; every session of the account ends. */
  async complete(token: string, password: string): Promise<void> {
    const { db } = this.deps;
    const row = await this.live(token);
    if (!row) throw new DomainError("not_found", RESET_LINK_USED);
    checkNewPassword(password, row.user);
    const passwordHash = await hashPassword(password);
    // Used up atomically: of two requests with the same link, one sets the password.
    const now = new Date();
    const { count } = await db.passwordReset.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw new DomainError("not_found", RESET_LINK_USED);
    await db.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // The account's other links are no good any more either.
    await db.passwordReset.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await this.deps.account.endSessions(row.userId, null);
    this.deps.log.info({ userId: row.userId }, "password reset through a link");
  }

  private async mail(email: string, origin: string): Promise<void> {
    const user = await this.deps.db.user.findUnique({ where: { email }, select: { id: true, name: true, deactivatedAt: true } });
    if (!user || user.deactivatedAt) return;
    const { url } = await this.create(user.id, origin, null);
    await this.deps.mailer.send({
      to: email,
      subject: "Choose a new password for Tandem",
      text: [
        `Hello ${user.name},`,
        "",
        "Someone (hopefully you) asked to choose a new password for your Tandem account. Open this link to do it:",
        "",
        url,
        "",
        "The link works once, for one hour. If you did not ask, ignore this email: your password stays as it is.",
      ].join("\n"),
    });
  }

  private async create(userId: string, origin: string, createdById: string | null): Promise<{ url: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    await this.deps.db.passwordReset.create({ data: { id: crypto.randomUUID(), userId, tokenHash: this.hash(token), createdById, expiresAt } });
    return { url: `${origin}/reset/${token}`, expiresAt };
  }

  private async live(token: string) {
    const row = await this.deps.db.passwordReset.findUnique({
      where: { tokenHash: this.hash(token) },
      include: { user: { select: { email: true, name: true, deactivatedAt: true } } },
    });
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.user.deactivatedAt) return null;
    return row;
  }

  private hash(token: string): string {
    // A purpose prefix: a reset token can never be mistaken for a session's or an invitation's hash.
    return hashToken(`reset:${token}`, this.deps.sessionSecret);
  }
}
