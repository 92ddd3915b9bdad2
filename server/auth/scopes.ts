// What a personal access token may do. A token is for scripts, bots and devices: it reads or edits
// documents within the scopes chosen when it was made, nothing more. Everything that changes the
// account or the people on a document (tokens, members, deleting documents, admin) needs a session,
// so a leaked token cannot mint more tokens, lock the owner out or destroy anything.
// One exception, for deploy pipelines: `announcements:write` lets an administrator's token create and
// revoke announcements (POST and DELETE /api/admin/announcements). The route still checks that the
// account is an administrator; editing announcements and every other admin route stay session-only.
import { ApiError } from "../http/errors";
import { SCOPES, ScopeList, type Scope } from "../../lib/contracts/tokens";

// The scope names and the request rule for a list of them are the HTTP contract's (lib/contracts/tokens.ts).
export { SCOPES, ScopeList, type Scope };
/** What a route needs: a scope (a token with it or a session), or a session and nothing else. */
export type Access = Scope | "session";

/** `documents:write` is editing content (collaboration updates, comments) and includes reading. */
const IMPLIED: Record<Scope, readonly Scope[]> = {
  "documents:read": [],
  "documents:write": ["documents:read"],
  "announcements:write": [],
};

/** Scopes as stored (one space-separated column); unknown words from a later version are ignored. */
export function parseScopes(stored: string): Scope[] {
  return stored.split(/\s+/).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
}

export const formatScopes = (scopes: readonly Scope[]): string => [...new Set(scopes)].sort().join(" ");

type ScopedCaller = { via: "cookie" | "token"; scopes?: readonly Scope[] };

export function allows(caller: ScopedCaller, need: Access): boolean {
  if (caller.via === "cookie") return true;
  if (need === "session") return false;
  return (caller.scopes ?? []).some((s) => s === need || IMPLIED[s].includes(need));
}

/** Throws 403 with what to do instead when `caller` may not do what needs `need`. */
export function requireAccess(caller: ScopedCaller, need: Access): void {
  if (allows(caller, need)) return;
  throw new ApiError(
    "forbidden",
    need === "session"
      ? "Access tokens cannot do this. Sign in to Tandem in your browser to do it."
      : `This access token does not have the ${need} scope. Create a token with it in Settings.`,
  );
}
