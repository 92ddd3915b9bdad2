// Who may receive a stream event. Audience is the security boundary; the path is only a filter hint.
import type { Audience, ViewerKind } from "../../lib/announcements/types";
import { matchesTargetPath } from "../../lib/announcements/targetPath";
import type { AuthUser, Caller } from "../auth/auth";

/** The viewers an audience reaches: the audiences nest (everyone ⊇ users ⊇ admins). */
export function viewersOf(audience: Audience): ViewerKind[] {
  switch (audience) {
    case "everyone":
      return ["anonymous", "user", "admin"];
    case "users":
      return ["user", "admin"];
    case "admins":
      return ["admin"];
  }
}

/**
 * The account as announcements see it. Administrator power needs a browser session (as on every
 * admin route): a personal access token of an administrator sees what members see.
 */
export function announcementUser(caller: Caller | null | undefined): AuthUser | null {
  if (!caller) return null;
  return caller.via === "token" && caller.user.isAdmin ? { ...caller.user, isAdmin: false } : caller.user;
}

export function viewerOf(user: AuthUser | null | undefined): ViewerKind {
  if (!user) return "anonymous";
  return user.isAdmin ? "admin" : "user";
}

/** Who an event is for. Carried with the event in the replay ring so a replay filters the same way. */
export type Delivery = {
  viewers: readonly ViewerKind[];
  /** Only this user's connections (dismissals). */
  userId?: string;
  /** Only connections whose path hint matches (or, with `negate`, does not match) this pattern. */
  path?: { pattern: string; negate?: boolean };
  /** Only these accounts (a reminder to those who have not acknowledged). */
  users?: ReadonlySet<string>;
  /** Not these accounts (an edited announcement they dismissed or acknowledged at this version). */
  except?: ReadonlySet<string>;
  /** Counted as delivered under this key (the announcement's id), once per stream written to. */
  tally?: string;
};

/** The connecting side of the check: resolved once at connect. */
export type Recipient = { viewer: ViewerKind; userId: string | null; pathHint: string | null };

export function canDeliver(to: Delivery, who: Recipient): boolean {
  if (!to.viewers.includes(who.viewer)) return false;
  if (to.userId !== undefined && to.userId !== who.userId) return false;
  if (to.users && (who.userId === null || !to.users.has(who.userId))) return false;
  if (to.except && who.userId !== null && to.except.has(who.userId)) return false;
  // Without a hint the client filters by its own location (one stream shared by many tabs).
  if (to.path && who.pathHint !== null) {
    const matches = matchesTargetPath(to.path.pattern, who.pathHint);
    if (matches === Boolean(to.path.negate)) return false;
  }
  return true;
}
