// The collab channel's side of errors: a DomainError's kind as the close the socket ends with. Reasons
// come from the close table (lib/collab/closeCodes.ts), not the error's message, so they stay within
// the WebSocket's 123 bytes and say the same thing everywhere.
import { CloseEvents, type CollabClose } from "../../lib/collab/closeCodes";
import { DomainError, type DomainErrorKind } from "../domain/errors";

/** null: no close code applies (conflicts are about requests, not an open document): InternalError. */
export const CLOSE_FOR_KIND = {
  unauthorized: CloseEvents.Unauthorized,
  forbidden: CloseEvents.Forbidden,
  // The domain says "not found" to anyone who may not see a document, so as not to reveal that it
  // exists; on this channel that is Forbidden, as the upgrade handler answers a stranger. (Only a
  // former member learns DocumentDeleted, from the deletion itself.)
  not_found: CloseEvents.Forbidden,
  invalid_input: CloseEvents.InvalidPayload,
  rate_limited: CloseEvents.TryAgainLater,
  conflict: null,
} as const satisfies Record<DomainErrorKind, CollabClose | null>;

/** The close for a thrown value; anything but a mapped DomainError is the server's own failure. */
export function closeFor(error: unknown): CollabClose {
  return (error instanceof DomainError ? CLOSE_FOR_KIND[error.kind] : null) ?? CloseEvents.InternalError;
}
