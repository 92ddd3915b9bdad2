// Why the access authority ends a live connection, and what each channel says for it. Collab close
// codes are paired with their words once here, so no call site retypes a reason.
import { CloseCode } from "../../lib/collab/closeCodes";

export type EndReason =
  /** Signed out, or the access token was revoked (announced on the bus). */
  | "signed-out"
  /** The session passed its expiry, or its row is gone (found by the timer or the re-check). */
  | "session-ended"
  /** The account's membership of the document was removed. */
  | "access-removed"
  /** The document was deleted. */
  | "document-deleted";

const COLLAB_CLOSE: Record<EndReason, { code: number; reason: string }> = {
  "signed-out": { code: CloseCode.Unauthorized, reason: "You signed out. Sign in again to keep editing." },
  "session-ended": { code: CloseCode.Unauthorized, reason: "Your session ended. Sign in again to keep editing." },
  "access-removed": { code: CloseCode.Forbidden, reason: "Your access to this document was removed." },
  "document-deleted": { code: CloseCode.DocumentDeleted, reason: "This document was deleted." },
};

/** The close code and reason a collab WebSocket ends with. */
export function collabClose(reason: EndReason): { code: number; reason: string } {
  return COLLAB_CLOSE[reason];
}
