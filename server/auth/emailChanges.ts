// Changing one's email from Settings: the current password is checked (Account), then a confirmation
// link goes to the NEW address and a notice to the old one; the email changes only when the link is
// followed. With mail not set up, the link is handed back once for the person to copy (as invitations
// do). One waiting change per account (a new request or a resend replaces its link); only the token's
// keyed hash is stored; a link works once, for a day, and not after the address was taken meanwhile.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import type { AuthUser } from "./auth";
import type { Account } from "./account";
import type { AuthThrottle } from "./throttle";
import type { EmailChangeResponse, EmailChangeView, PendingEmailChange } from "../../lib/contracts/account";
import { hashToken, newToken } from "./tokens";
import { conflict, DomainError, invalidInput, notFound } from "../domain/errors";

export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;
/** A mailed resend waits this long after the previous link, so the form cannot be used to flood an inbox. */
export const RESEND_AFTER_MS = 60_000;
export const EMAIL_LINK_USED = "This confirmation link has expired or was already used. Change your email again from Settings.";
export const EMAIL_TAKEN = "Another account already uses this email.";

export type EmailChangesDeps = { db: Db; account: Account; throttle: AuthThrottle; mailer: Mailer; log: Logger; sessionSecret: string };

type Row = { newEmail: string; expiresAt: Date; createdAt: Date };

export class EmailChanges {
  constructor(private readonly deps: EmailChangesDeps) {}

  /** The change waiting for its link, if any (expired ones are not waiting any more). */
  async pending(user: AuthUser): Promise<EmailChangeResponse> {
    const row = await this.deps.db.emailChange.findUnique({ where: { userId: user.id } });
    return { pending: row && row.expiresAt.getTime() > Date.now() ? this.view(row, undefined) : null };
  }

  /** Asks to change the email: password first (under the sign-in limits), then the two mails. */
  async request(user: AuthUser, input: { email: string; currentPassword: string }, origin: string, address: string): Promise<EmailChangeResponse> {
    await this.deps.account.checkCurrentPassword(user, input.currentPassword, address);
    const email = input.email.toLowerCase();
    if (email === user.email) throw invalidInput("That is already your email.", "email");
    await this.refuseTaken(email);
    await this.countMail(user.id, email);
    const { row, url } = await this.issue(user.id, email, origin);
    await this.send(user, email, url);
    return { pending: this.view(row, url) };
  }

  /** A new link for the waiting change (the old link stops working). */
  async resend(user: AuthUser, origin: string): Promise<EmailChangeResponse> {
    const waiting = await this.deps.db.emailChange.findUnique({ where: { userId: user.id } });
    if (!waiting || waiting.expiresAt.getTime() <= Date.now()) throw notFound("Email change");
    const wait = waiting.createdAt.getTime() + RESEND_AFTER_MS - Date.now();
    // Only a mailed link can flood an inbox; one shown to copy may be made again at once.
    if (this.deps.mailer.delivers && wait > 0)
      throw new DomainError("rate_limited", "The link was sent a moment ago. Wait a minute before sending another.", undefined, Math.ceil(wait / 1000));
    await this.countMail(user.id, waiting.newEmail);
    const { row, url } = await this.issue(user.id, waiting.newEmail, origin);
    await this.send(user, waiting.newEmail, url, { noticeToOld: false });
    return { pending: this.view(row, url) };
  }

  async cancel(user: AuthUser): Promise<void> {
    await this.deps.db.emailChange.deleteMany({ where: { userId: user.id } });
  }

  /** Whether a link still works, and which address it confirms (its page says so first). */
  async viewLink(token: string): Promise<EmailChangeView> {
    const row = await this.live(token);
    return row ? { state: "valid", email: row.newEmail } : { state: "invalid" };
  }

  /** Follows the link: the account's email becomes the new one, once. */
  async confirm(token: string): Promise<{ email: string }> {
    const { db, log } = this.deps;
    const row = await this.live(token);
    if (!row) throw new DomainError("not_found", EMAIL_LINK_USED);
    // Used up atomically: of two requests with the same link, one changes the email.
    const { count } = await db.emailChange.deleteMany({ where: { id: row.id, tokenHash: row.tokenHash, expiresAt: { gt: new Date() } } });
    if (count === 0) throw new DomainError("not_found", EMAIL_LINK_USED);
    try {
      await db.user.update({ where: { id: row.userId }, data: { email: row.newEmail } });
    } catch (e) {
      // Someone signed up with the address after the link was sent.
      if ((e as { code?: string }).code === "P2002") throw conflict(EMAIL_TAKEN, "email");
      throw e;
    }
    log.info({ userId: row.userId }, "account: email changed through its confirmation link");
    return { email: row.newEmail };
  }

  /**
   * A mailed link counts against the account's hourly budget and the new address's (server/auth/throttle.ts;
   * in Redis when there is one): the form must not be a way to flood an inbox. A link shown to copy sends nothing.
   */
  private async countMail(userId: string, newEmail: string): Promise<void> {
    if (this.deps.mailer.delivers) await this.deps.throttle.beginEmailChangeMail(userId, newEmail);
  }

  private async refuseTaken(email: string): Promise<void> {
    if (await this.deps.db.user.findUnique({ where: { email }, select: { id: true } })) throw conflict(EMAIL_TAKEN, "email");
  }

  /** A fresh token for the account's one waiting change (replacing any earlier link). */
  private async issue(userId: string, newEmail: string, origin: string): Promise<{ row: Row; url: string }> {
    const token = newToken();
    const data = { newEmail, tokenHash: this.hash(token), createdAt: new Date(), expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS) };
    const row = await this.deps.db.emailChange.upsert({ where: { userId }, create: { id: crypto.randomUUID(), userId, ...data }, update: data });
    return { row, url: `${origin}/confirm-email/${token}` };
  }

  private async send(user: AuthUser, newEmail: string, url: string, options = { noticeToOld: true }): Promise<void> {
    const { mailer, log } = this.deps;
    if (!mailer.delivers) return; // the link is handed back to copy; nothing to tell the old address either
    await mailer.send({
      to: newEmail,
      subject: "Confirm your new email for Tandem",
      text: [
        `Hello ${user.name},`,
        "",
        `You asked to use ${newEmail} for your Tandem account instead of ${user.email}. Open this link to confirm it:`,
        "",
        url,
        "",
        "The link works once, for one day. If you did not ask, ignore this email: nothing changes.",
      ].join("\n"),
    });
    if (!options.noticeToOld) return;
    // The notice must not stop the change when the old mailbox is gone: that is often why people change it.
    await mailer
      .send({
        to: user.email,
        subject: "Your Tandem email is being changed",
        text: [
          `Hello ${user.name},`,
          "",
          `Someone signed in to your Tandem account asked to change its email from ${user.email} to ${newEmail}.`,
          "It changes only once the link sent to the new address is opened.",
          "",
          "If this was not you, sign in, cancel the change in Settings and choose a new password.",
        ].join("\n"),
      })
      .catch((err) => log.warn({ err: (err as Error).message }, "email change notice to the old address failed"));
  }

  private view(row: Row, url: string | undefined): PendingEmailChange {
    const emailed = this.deps.mailer.delivers;
    return { email: row.newEmail, expiresAt: row.expiresAt.toISOString(), emailed, ...(!emailed && url ? { url } : {}) };
  }

  private async live(token: string) {
    const row = await this.deps.db.emailChange.findUnique({ where: { tokenHash: this.hash(token) }, include: { user: { select: { deactivatedAt: true } } } });
    if (!row || row.expiresAt.getTime() <= Date.now() || row.user.deactivatedAt) return null;
    return row;
  }

  private hash(token: string): string {
    // A purpose prefix: never mistaken for a session's, a reset's or an invitation's hash.
    return hashToken(`email-change:${token}`, this.deps.sessionSecret);
  }
}
