// The authorization table's rows for the dashboard's shortcuts (favourites, recently opened), one's
// own account (name, email, password, signed-in sessions) and password resets. Account changes need a
// session and act on the caller's own account only; the reset link is the credential of its pages;
// only administrators make reset links for others. Destructive cells use fresh targets and check
// what really changed.
import crypto from "node:crypto";
import type { Role } from "../support/world";
import type { Row } from "./cells";
import { dead, everyone, http, members, nonAdmins, outsider, signedIn, tokens } from "./cells";
import type { Outcome, Probe } from "./probe";
import { SESSION_ONLY, httpOutcome } from "./refusal";
import { hashPassword } from "../../../server/auth/password";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };
type Person = "nonMember" | "viewer" | "editor" | "owner" | "admin";
const PERSONS: readonly string[] = ["nonMember", "viewer", "editor", "owner", "admin"];
const personOf = (role: Role): Person | null => (PERSONS.includes(role) ? (role as Person) : null);

/** A scratch document (the editor and viewer are members); `starred` first stars it for all three members. */
function favouriteTarget(starred: boolean, changedOn: Outcome) {
  return async (p: Probe): Promise<Target> => {
    const id = await p.w.scratchDoc("Matrix favourite");
    const { db } = p.w.services;
    if (starred) {
      const userIds = [p.w.users.owner.id, p.w.users.editor.id, p.w.users.viewer.id];
      await db.favourite.createMany({ data: userIds.map((userId) => ({ userId, documentId: id })) });
    }
    const before = await db.favourite.count({ where: { documentId: id } });
    return {
      path: { id },
      check: async (outcome) => {
        const changed = (await db.favourite.count({ where: { documentId: id } })) !== before;
        return changed === (outcome === changedOn) ? outcome : `${outcome} but the stars ${changed ? "changed" : "did not change"}`;
      },
    };
  };
}

/** A bare account with a reset link an administrator made: its token. */
async function resetTarget(p: Probe) {
  const person = await p.bareUser("matrix-reset");
  const { url } = await p.w.services.passwordResets.createByAdmin(p.w.users.admin, person.id, "http://matrix.test");
  return { person, token: url.split("/").pop() as string };
}

const MATRIX_PASSWORD = "matrix password one";

/** A bare account (with a known password) whose email change waits for its link: the account and the link's token. */
async function emailChangeTarget(p: Probe) {
  const id = crypto.randomUUID();
  const { db, emailChanges } = p.w.services;
  const person = await db.user.create({
    data: { id, email: `matrix-move-${id.slice(0, 8)}@example.com`, name: "Matrix mover", passwordHash: await hashPassword(MATRIX_PASSWORD) },
  });
  const user = { id, email: person.email, name: person.name, isAdmin: false };
  const { pending } = await emailChanges.request(
    user,
    { email: `matrix-moved-${id.slice(0, 8)}@example.com`, currentPassword: MATRIX_PASSWORD },
    "http://matrix.test",
    "10.9.9.9",
  );
  return { person, token: new URL(pending?.url ?? "").pathname.split("/").pop() as string };
}

/**
 * A cell on the caller's own waiting email change, with one waiting for the editor (its link sent long
 * enough ago to be resent): the editor's is touched exactly when the editor's own call succeeds.
 */
function ownEmailChange(method: string, route: string, success: number) {
  return async (p: Probe, role: Role): Promise<Outcome> => {
    const { db } = p.w.services;
    const editorId = p.w.users.editor.id;
    await db.emailChange.deleteMany({ where: { userId: editorId } });
    const row = await db.emailChange.create({
      data: {
        id: crypto.randomUUID(),
        userId: editorId,
        newEmail: "matrix-editor-next@example.com",
        tokenHash: crypto.randomUUID(),
        createdAt: new Date(Date.now() - 3600_000),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const outcome = httpOutcome(await p.http(method, route, role));
    const touched = (await db.emailChange.findUnique({ where: { userId: editorId } }))?.tokenHash !== row.tokenHash;
    await db.emailChange.deleteMany({ where: { userId: editorId } });
    const should = role === "editor" && outcome === success;
    return touched === should ? outcome : `${outcome} but the editor's change was ${touched ? "touched" : "left alone"}`;
  };
}

/** A cell acting on the caller's own account with a wrong current password: refused at the password, changing nothing. */
function wrongPassword(method: string, route: string, body: Record<string, string>) {
  return async (p: Probe, role: Role): Promise<Outcome> => {
    const person = personOf(role);
    const before = person ? await p.w.services.db.user.findUniqueOrThrow({ where: { id: p.w.users[person].id } }) : null;
    const outcome = httpOutcome(await p.http(method, route, role, body));
    if (!person || !before) return outcome;
    const after = await p.w.services.db.user.findUniqueOrThrow({ where: { id: before.id } });
    return after.email === before.email && after.passwordHash === before.passwordHash ? outcome : `${outcome} but the account changed`;
  };
}

export const ACCOUNT_ROWS: Row[] = [
  // ---- favourites and recently opened ----
  {
    channel: "http",
    action: "PUT /api/documents/:id/favourite",
    perform: http("PUT", "/api/documents/:id/favourite", { setup: favouriteTarget(false, 204) }),
    expect: { ...dead(401), ...outsider(404), ...members(204), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id/favourite",
    perform: http("DELETE", "/api/documents/:id/favourite", { setup: favouriteTarget(true, 204) }),
    expect: { ...dead(401), ...outsider(404), ...members(204), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/me/favourites",
    perform: http("GET", "/api/me/favourites"),
    expect: { ...dead(401), ...signedIn(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "GET /api/me/recent",
    perform: http("GET", "/api/me/recent"),
    expect: { ...dead(401), ...signedIn(200), ...tokens(200) },
  },
  // ---- one's own account ----
  {
    channel: "http",
    action: "PATCH /api/me",
    // Each person "renames" to their own name, so the shared cast stays as it is.
    perform: async (p, role) => {
      const person = personOf(role);
      return httpOutcome(await p.http("PATCH", "/api/me", role, { name: person ? p.w.users[person].name : "Matrix nobody" }));
    },
    expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "PUT /api/me/email",
    perform: wrongPassword("PUT", "/api/me/email", { email: "matrix-new@example.com", currentPassword: "not the password" }),
    expect: { ...dead(401), ...signedIn(400), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/me/email",
    perform: http("GET", "/api/me/email"),
    expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/me/email/resend",
    // Only the editor has a change waiting: a new link for it; for anyone else there is nothing to resend.
    perform: ownEmailChange("POST", "/api/me/email/resend", 202),
    expect: { ...dead(401), ...signedIn(404), editor: 202, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/me/email",
    // Cancels the caller's own waiting change (none: nothing to do); the editor's survives anyone else's call.
    perform: ownEmailChange("DELETE", "/api/me/email", 204),
    expect: { ...dead(401), ...signedIn(204), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "PUT /api/me/password",
    perform: wrongPassword("PUT", "/api/me/password", { currentPassword: "not the password", newPassword: "matrix new password" }),
    expect: { ...dead(401), ...signedIn(400), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/me/sessions",
    perform: http("GET", "/api/me/sessions"),
    expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/me/sessions/:id",
    // The target is a second session of the editor's: only the editor may end it; for anyone else it does not exist.
    perform: http("DELETE", "/api/me/sessions/:id", {
      setup: async (p) => {
        const secret = await p.w.services.auth.createSession(p.w.users.editor.id);
        const { db, auth } = p.w.services;
        const row = await db.session.findUniqueOrThrow({ where: { tokenHash: auth.credentialId(secret) } });
        return {
          path: { id: row.id },
          check: async (outcome) => {
            const exists = (await db.session.count({ where: { id: row.id } })) === 1;
            return exists === (outcome === 204) ? `${outcome} but the session ${exists ? "survived" : "is gone"}` : outcome;
          },
        };
      },
    }),
    expect: { ...dead(401), ...nonAdmins(404), admin: 404, editor: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/me/sessions",
    // "Sign out everywhere else": a second session of the caller's own account ends exactly on 200.
    perform: async (p, role) => {
      const person = personOf(role);
      const { db, auth } = p.w.services;
      const extra = person ? auth.credentialId(await auth.createSession(p.w.users[person].id)) : null;
      const outcome = httpOutcome(await p.http("DELETE", "/api/me/sessions", role));
      if (!extra) return outcome;
      const exists = (await db.session.count({ where: { tokenHash: extra } })) === 1;
      return exists === (outcome === 200) ? `${outcome} but the other session ${exists ? "survived" : "is gone"}` : outcome;
    },
    expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) },
  },
  // ---- password resets ----
  {
    channel: "http",
    action: "POST /api/auth/forgot-password",
    // Anyone may ask, for any address, and is told the same.
    perform: http("POST", "/api/auth/forgot-password", { body: () => ({ email: `matrix-${crypto.randomUUID().slice(0, 8)}@example.com` }) }),
    expect: everyone(202),
  },
  {
    channel: "http",
    action: "GET /api/auth/reset/:token",
    perform: http("GET", "/api/auth/reset/:token", { setup: async (p) => ({ path: { token: (await resetTarget(p)).token } }) }),
    expect: everyone(200),
  },
  {
    channel: "http",
    action: "POST /api/auth/reset/:token",
    // The link is the credential: whoever holds it sets the password of the account it was made for.
    perform: http("POST", "/api/auth/reset/:token", {
      body: () => ({ password: "matrix fresh password" }),
      setup: async (p) => {
        const { person, token } = await resetTarget(p);
        return {
          path: { token },
          check: async (outcome) => {
            const changed = (await p.w.services.db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordHash !== person.passwordHash;
            return changed === (outcome === 204) ? outcome : `${outcome} but the password ${changed ? "changed" : "did not change"}`;
          },
        };
      },
    }),
    expect: everyone(204),
  },
  // ---- email change links ----
  {
    channel: "http",
    action: "GET /api/auth/email-change/:token",
    perform: http("GET", "/api/auth/email-change/:token", { setup: async (p) => ({ path: { token: (await emailChangeTarget(p)).token } }) }),
    expect: everyone(200),
  },
  {
    channel: "http",
    action: "POST /api/auth/email-change/:token",
    // The link is the credential: whoever holds it (it reached the new address) confirms that account's change.
    perform: http("POST", "/api/auth/email-change/:token", {
      setup: async (p) => {
        const { person, token } = await emailChangeTarget(p);
        return {
          path: { token },
          check: async (outcome) => {
            const changed = (await p.w.services.db.user.findUniqueOrThrow({ where: { id: person.id } })).email !== person.email;
            return changed === (outcome === 200) ? outcome : `${outcome} but the email ${changed ? "changed" : "did not change"}`;
          },
        };
      },
    }),
    expect: everyone(200),
  },
  {
    channel: "http",
    action: "POST /api/admin/people/:id/reset-link",
    perform: http("POST", "/api/admin/people/:id/reset-link", {
      setup: async (p) => {
        const person = await p.bareUser("matrix-link");
        const count = () => p.w.services.db.passwordReset.count({ where: { userId: person.id } });
        return {
          path: { id: person.id },
          check: async (outcome) => {
            const made = (await count()) > 0;
            return made === (outcome === 201) ? outcome : `${outcome} but a link was ${made ? "made" : "not made"}`;
          },
        };
      },
    }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 201, ...tokens(SESSION_ONLY) },
  },
];
