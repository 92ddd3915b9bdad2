// Tells a scope refusal (server/auth/scopes.ts) apart from any other 403 or `forbidden` ack, so a
// token's cell passes only when the scope gate itself refused, not a role check, an origin check or
// an accident that happens to answer the same status.
import { ApiError } from "../../../server/http/errors";
import { requireAccess, type Access } from "../../../server/auth/scopes";

/** The message the scope gate gives a token that lacks `need` (asked of the gate itself, not copied). */
function gateMessage(need: Access): string {
  try {
    requireAccess({ via: "token", scopes: [] }, need);
  } catch (err) {
    if (err instanceof ApiError) return err.message;
  }
  throw new Error(`the scope gate let an unscoped token do ${need}`);
}

/** Outcomes of a refusal by the scope gate, as the table writes them. */
export const SESSION_ONLY = "403 session only";
export const NEEDS_WRITE = "403 needs documents:write";
export const NEEDS_ANNOUNCE = "403 needs announcements:write";
/** socket.io's comment gate (server/realtime/handlers.ts) answers `forbidden` with its own sentence. */
export const ACK_NEEDS_WRITE = "forbidden: needs documents:write";

// Written inline in handlers.ts (not exported), so copied: a changed sentence fails the token cells loudly.
const SOCKET_WRITE_MESSAGE = "This access token does not have the documents:write scope.";

/** An HTTP answer as an outcome: its status, or which scope the gate said was missing. */
export function httpOutcome(res: { status: number; body: any }): number | string {
  const error = res.body?.error;
  if (res.status !== 403 || error?.code !== "forbidden") return res.status;
  if (error.message === gateMessage("session")) return SESSION_ONLY;
  if (error.message === gateMessage("documents:write")) return NEEDS_WRITE;
  if (error.message === gateMessage("announcements:write")) return NEEDS_ANNOUNCE;
  return res.status;
}

/** A socket.io ack error as an outcome: its code, or that the comment gate refused for want of documents:write. */
export function ackOutcome(error: { code?: string; message?: string } | undefined): string {
  if (error?.code === "forbidden" && (error.message === SOCKET_WRITE_MESSAGE || error.message === gateMessage("documents:write"))) return ACK_NEEDS_WRITE;
  return error?.code ?? "malformed ack";
}
