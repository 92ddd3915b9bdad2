// The authorization table's rows for people administration and invitations: administrators only
// (with a session) manage accounts; a document's owner only lists, resends and cancels its
// invitations; anyone holding an invitation link may read it, and only the invited address may
// accept it. Each destructive cell works on a fresh target and checks what really changed.
import crypto from "node:crypto";
import type { Row } from "./cells";
import { dead, everyone, http, nonAdmins, outsider, signedIn, tokens } from "./cells";
import type { Outcome, Probe } from "./probe";
import { SESSION_ONLY } from "./refusal";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };

/** A bare account the administrator deactivates: deactivated exactly when the answer was 200. */
async function personTarget(p: Probe): Promise<Target> {
  const person = await p.bareUser("matrix-person");
  return {
    path: { id: person.id },
    check: async (outcome) => {
      const row = await p.w.services.db.user.findUniqueOrThrow({ where: { id: person.id } });
      const changed = row.deactivatedAt !== null;
      return changed === (outcome === 200) ? outcome : `${outcome} but the account ${changed ? "was" : "was not"} deactivated`;
    },
  };
}

/** A fresh invitation on a scratch document of the owner's (shared with the editor and viewer). */
async function invitation(p: Probe) {
  const documentId = await p.w.scratchDoc("Matrix invitations");
  const email = `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const made = await p.w.services.invitations.addOrInvite(p.w.users.owner, documentId, email, "viewer", "http://matrix.test");
  if (!("invitation" in made) || !made.url) throw new Error("the matrix expects the log mailer (a link, no email)");
  return { documentId, id: made.invitation.id, token: made.url.split("/").pop() as string };
}

const inv = (p: Probe, id: string) => p.w.services.db.invitation.findUniqueOrThrow({ where: { id } });

/** The invitation's row changed (as `changed` says) exactly on `changedOn`. */
function invitationTarget(changedOn: Outcome, changed: (before: { tokenHash: string }, after: { tokenHash: string; expiresAt: Date }) => boolean) {
  return async (p: Probe): Promise<Target> => {
    const { documentId, id } = await invitation(p);
    const before = await inv(p, id);
    return {
      path: { id: documentId, invitationId: id },
      check: async (outcome) => {
        const did = changed(before, await inv(p, id));
        return did === (outcome === changedOn) ? outcome : `${outcome} but the invitation ${did ? "changed" : "did not change"}`;
      },
    };
  };
}

export const PEOPLE_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/admin/people",
    perform: http("GET", "/api/admin/people"),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "PATCH /api/admin/people/:id",
    perform: http("PATCH", "/api/admin/people/:id", { body: () => ({ deactivated: true }), setup: personTarget }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/invitations",
    perform: http("GET", "/api/documents/:id/invitations"),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/invitations/:invitationId/resend",
    perform: http("POST", "/api/documents/:id/invitations/:invitationId/resend", {
      setup: invitationTarget(200, (before, after) => after.tokenHash !== before.tokenHash),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id/invitations/:invitationId",
    perform: http("DELETE", "/api/documents/:id/invitations/:invitationId", {
      setup: invitationTarget(204, (_before, after) => after.expiresAt.getTime() <= Date.now()),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/invitations/:token",
    // The link is the credential: whoever holds it may see what it invites to.
    perform: http("GET", "/api/invitations/:token", { setup: async (p) => ({ path: { token: (await invitation(p)).token } }) }),
    expect: everyone(200),
  },
  {
    channel: "http",
    action: "POST /api/invitations/:token/accept",
    // Sent to a fresh address: no role of the matrix is the invited one, so nobody joins through it.
    perform: http("POST", "/api/invitations/:token/accept", {
      setup: async (p) => {
        const { documentId, token } = await invitation(p);
        const before = await p.w.services.db.membership.count({ where: { documentId } });
        return {
          path: { token },
          check: async (outcome) => {
            const joined = (await p.w.services.db.membership.count({ where: { documentId } })) > before;
            return joined ? `${outcome} but someone joined` : outcome;
          },
        };
      },
    }),
    expect: { ...dead(401), ...signedIn(403), ...tokens(SESSION_ONLY) },
  },
];
