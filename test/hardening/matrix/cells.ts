// The vocabulary the authorization table (table.ts) is written in: channels, rows, role groups
// ("everyone", "members", "writers"…) and the builders that perform a cell and check what really happened.
import crypto from "node:crypto";
import type { Role } from "../support/world";
import type { Outcome, Probe } from "./probe";
import { httpOutcome } from "./refusal";

export type Channel = "http" | "socket.io" | "collab" | "sse";
export type Row = {
  channel: Channel;
  /** HTTP: `METHOD /route`; socket.io: the event name (or "connect"); else a short description. */
  action: string;
  /** The route or event this row covers, when `action` is not already it. */
  covers?: string;
  perform: (p: Probe, role: Role) => Promise<Outcome>;
  /** One outcome, or several where the rule allows either (said why in a comment). */
  expect: Partial<Record<Role, Outcome | Outcome[]>>;
};

/** The four roles whose credential is no good: signed out, revoked token, logged-out cookie, expired session. */
type Want = Outcome | Outcome[];
export const dead = (o: Want) => ({ anonymous: o, revokedToken: o, loggedOut: o, expired: o });
/** The editor's two live scoped tokens (read, then write when they differ). */
export const tokens = (read: Want, write: Want = read) => ({ readToken: read, writeToken: write });
export const everyone = (o: Want) => ({ ...dead(o), nonMember: o, viewer: o, editor: o, owner: o, admin: o, ...tokens(o) });
export const signedIn = (o: Want) => ({ nonMember: o, viewer: o, editor: o, owner: o, admin: o });
/** Signed in, but no member of the document (the administrator has no power over documents). */
export const outsider = (o: Want) => ({ nonMember: o, admin: o });
export const members = (o: Want) => ({ viewer: o, editor: o, owner: o });
export const writers = (o: Want) => ({ editor: o, owner: o });
export const nonAdmins = (o: Want) => ({ nonMember: o, viewer: o, editor: o, owner: o });

export const fresh = () => crypto.randomUUID().slice(0, 8);

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };
/** An HTTP cell: `setup` may make a fresh target (destructive actions) and a check of what really happened. */
export function http(method: string, route: string, opts: { body?: (p: Probe) => unknown; setup?: (p: Probe) => Promise<Target> } = {}) {
  return async (p: Probe, role: Role): Promise<Outcome> => {
    const target = opts.setup ? await opts.setup(p) : { path: { id: p.w.mainDocId } };
    const pathname = route.replace(/:(\w+)/g, (_, k: string) => target.path[k] ?? `missing-${k}`);
    const res = await p.http(method, pathname, role, opts.body?.(p));
    const outcome = httpOutcome(res);
    return target.check ? target.check(outcome) : outcome;
  };
}

/** A scratch document, and after the request whether it still exists (a refusal must change nothing). */
export async function scratchWithCheck(p: Probe, expectGoneOn: Outcome, extra: Record<string, string> = {}): Promise<Target> {
  const id = await p.w.scratchDoc();
  return {
    path: { id, ...extra },
    check: async (status) => {
      const exists = (await p.w.services.db.document.count({ where: { id } })) === 1;
      return exists === (status === expectGoneOn) ? `${status} but the document ${exists ? "survived" : "is gone"}` : status;
    },
  };
}

export async function viewerMembership(p: Probe, expectChangedOn: Outcome, id: string, changed: (role: string | undefined) => boolean): Promise<Target> {
  return {
    path: { id, userId: p.w.users.viewer.id },
    check: async (status) => {
      const m = await p.w.services.db.membership.findUnique({ where: { documentId_userId: { documentId: id, userId: p.w.users.viewer.id } } });
      const didChange = changed(m?.role);
      return didChange === (status === expectChangedOn) ? status : `${status} but the membership ${didChange ? "changed" : "did not change"}`;
    },
  };
}

/** Counts rows of a table before and after: something was made exactly when the outcome is `madeOn`. */
export function madeCheck(count: (p: Probe) => Promise<number>, madeOn: Outcome, what: string) {
  return async (p: Probe): Promise<Target> => {
    const before = await count(p);
    return {
      path: {},
      check: async (outcome) => {
        const made = (await count(p)) > before;
        return made === (outcome === madeOn) ? outcome : `${outcome} but ${what} was ${made ? "made" : "not made"}`;
      },
    };
  };
}

/** A socket.io comment write, and whether a comment really appeared on the main document (only on "ok"). */
export async function madeComment(p: Probe, act: () => Promise<Outcome>): Promise<Outcome> {
  const count = () => p.w.services.db.comment.count({ where: { documentId: p.w.mainDocId } });
  const before = await count();
  const outcome = await act();
  const made = (await count()) > before;
  return made === (outcome === "ok") ? outcome : `${outcome} but a comment was ${made ? "made" : "not made"}`;
}
