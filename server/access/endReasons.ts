// Why the access authority ends a live connection, and what each channel says for it. The collab
// close (code and reason) comes from the one table in lib/collab/closeCodes.ts.
import { CloseEvents, CloseVariants, type CollabClose } from "../../lib/collab/closeCodes";

export type EndReason =
  /** Signed out, or the access token was revoked (announced on the bus). */
  | "signed-out"
  /** The session passed its expiry, or its row is gone (found by the timer or the re-check). */
  | "session-ended"
  /** The account's membership of the document was removed. */
  | "access-removed"
  /** The share link the connection came in through was revoked or expired. */
  | "link-ended"
  /** The document was deleted. */
  | "document-deleted"
  /** An administrator deactivated the account (every credential of it). */
  | "account-deactivated";

const COLLAB_CLOSE: Record<EndReason, CollabClose> = {
  "signed-out": CloseVariants.SignedOut,
  "session-ended": CloseVariants.SessionEnded,
  "access-removed": CloseVariants.AccessRemoved,
  "document-deleted": CloseEvents.DocumentDeleted,
  "link-ended": CloseVariants.LinkEnded,
  "account-deactivated": CloseVariants.AccountDeactivated,
};

/** The close code and reason a collab WebSocket ends with. */
export function collabClose(reason: EndReason): CollabClose {
  return COLLAB_CLOSE[reason];
}
