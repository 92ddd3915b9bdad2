// One's own account, from Settings: name and password, and the signed-in sessions (the email changes
// through a confirmation link: emailChanges.ts). Changing the email or the password needs the current password, checked under the sign-in limits (a stolen
// session cannot guess it faster than the sign-in form could). Ending a session, or the other
// sessions after a password change, deletes its row and announces `credential.revoked` on the bus, so
// the access authority (server/access/liveAccess.ts) ends its live connections on every instance at once.
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { AuthUser, Auth, Caller } from "./auth";
import { verifyPassword, hashPassword } from "./password";
import { checkNewPassword } from "./passwordPolicy";
import { describeDevice } from "./device";
import { invalidInput, notFound } from "../domain/errors";
import type { SessionView } from "../../lib/contracts/account";

export const WRONG_PASSWORD = "That is not your current password.";

export class Account {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly auth: Auth,
  ) {}

  async rename(user: AuthUser, name: string): Promise<AuthUser> {
    const row = await this.db.user.update({ where: { id: user.id }, data: { name } });
    return { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin };
  }

  /** Sets a new password; every other session of the account ends, `caller`'s stays. */
  async changePassword(caller: Caller, input: { currentPassword: string; newPassword: string }, address: string): Promise<void> {
    const { user } = caller;
    await this.checkCurrentPassword(user, input.currentPassword, address);
    try {
      checkNewPassword(input.newPassword, user);
    } catch (e) {
      throw invalidInput((e as Error).message, "newPassword"); // the form's field is newPassword
    }
    await this.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
    await this.endSessions(user.id, caller.via === "cookie" ? caller.credentialId : null);
  }

  async sessions(caller: Caller): Promise<SessionView[]> {
    const rows = await this.db.session.findMany({
      where: { userId: caller.user.id, expiresAt: { gt: new Date() } },
      select: { id: true, tokenHash: true, userAgent: true, createdAt: true, lastUsedAt: true },
    });
    const views = rows.map((r) => ({
      id: r.id,
      device: describeDevice(r.userAgent),
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: (r.lastUsedAt ?? r.createdAt).toISOString(),
      current: r.tokenHash === caller.credentialId,
    }));
    return views.sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
  }

  /** Ends one of the account's sessions (its live connections too). */
  async endSession(userId: string, sessionId: string): Promise<void> {
    const row = await this.db.session.findFirst({ where: { id: sessionId, userId }, select: { tokenHash: true } });
    if (!row) throw notFound("Session");
    await this.db.session.deleteMany({ where: { id: sessionId, userId } });
    await this.bus.publish({ type: "credential.revoked", credentialId: row.tokenHash });
  }

  /** Ends every session of the account except `keep` (a credential id; null: all of them). Returns how many. */
  async endSessions(userId: string, keep: string | null): Promise<number> {
    const where = { userId, ...(keep ? { tokenHash: { not: keep } } : {}) };
    const rows = await this.db.session.findMany({ where, select: { tokenHash: true } });
    await this.db.session.deleteMany({ where: { ...where, tokenHash: { in: rows.map((r) => r.tokenHash) } } });
    for (const r of rows) await this.bus.publish({ type: "credential.revoked", credentialId: r.tokenHash });
    return rows.length;
  }

  /** The current password, under the sign-in limits (also before an email change: emailChanges.ts). */
  async checkCurrentPassword(user: AuthUser, password: string, address: string): Promise<void> {
    const attempt = await this.auth.throttle.beginSignIn(user.email, address);
    const row = await this.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    if (!(await verifyPassword(password, row.passwordHash))) {
      await attempt.failed();
      throw invalidInput(WRONG_PASSWORD, "currentPassword");
    }
    await attempt.succeeded();
  }
}
