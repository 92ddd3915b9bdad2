// WebSocket close codes of the collab channel (/collab/<docId>), shared by the server and the browser.
// y-websocket (v3) stops reconnecting on 4400-4499 ("the server decided; retrying cannot help") and
// retries on everything else, so the ranges below are chosen for that behaviour.

export const CloseCode = {
  /** Server shutting down or restarting: reconnect. */
  GoingAway: 1001,
  /** A text frame where binary y-websocket frames were expected. */
  UnsupportedData: 1003,
  /** A frame that does not decode as a y-websocket message. */
  InvalidPayload: 1007,
  /** A frame larger than the frame limit, or an update that would grow the document past its limit. */
  MessageTooBig: 1009,
  /** Something failed on the server while opening the document: reconnect. */
  InternalError: 1011,
  /**
   * The server reloads the document from storage (a change it could not apply left the copy in
   * memory in doubt): reconnect, nothing of yours is lost.
   */
  Reloading: 1012,
  /** The client reads too slowly; its send buffer overflowed. Reconnecting resyncs it. */
  TryAgainLater: 1013,
  /** The member's role changed (viewer ⇄ editor): reconnect to continue with the new rights. */
  AccessChanged: 4300,
  /**
   * The client sent a change that broke while being applied (the server reloaded the document for
   * everyone else). Final: reconnecting would send the same change again. The page should reload.
   */
  ChangeRefused: 4400,
  /** No valid session cookie or access token. */
  Unauthorized: 4401,
  /** Not a member of this document, or the membership was removed. */
  Forbidden: 4403,
  /** The document was deleted (or never existed). */
  DocumentDeleted: 4404,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** True when the server closed for good and the client should stop reconnecting. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** Plain words for a person, or undefined when the close is routine (network, restart). */
export function describeClose(code: number): string | undefined {
  switch (code) {
    case CloseCode.Unauthorized:
      return "You are signed out. Sign in again to keep editing.";
    case CloseCode.Forbidden:
      return "Your access to this document was removed.";
    case CloseCode.DocumentDeleted:
      return "This document was deleted.";
    case CloseCode.MessageTooBig:
      return "This document has reached its size limit, so your latest change could not be saved.";
    case CloseCode.ChangeRefused:
      return "Your latest change could not be saved. Reload the page to keep editing.";
    case CloseCode.AccessChanged:
      return "Your access to this document changed.";
    default:
      return undefined;
  }
}
