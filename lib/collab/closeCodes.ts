// WebSocket close codes of the collab channel (/collab/<docId>), shared by the server and the browser.
// Each code is paired with its reason once, as Hocuspocus's `CloseEvents`: call sites close with an
// entry (`peer.close(CloseEvents.Forbidden.code, CloseEvents.Forbidden.reason)`), never a retyped string.
// y-websocket (v3) stops reconnecting on 4400-4499 ("the server decided; retrying cannot help") and
// retries on everything else, so the ranges below are chosen for that behaviour.
// Reasons are for logs and protocol tools (the page shows `describeClose`); the WebSocket protocol
// limits them to 123 bytes, which test/collab/closeCodes.test.ts checks.

/** A close code with the reason sent beside it. */
export type CollabClose = { readonly code: number; readonly reason: string };

export const CloseEvents = {
  /** Server shutting down or restarting: reconnect. */
  GoingAway: { code: 1001, reason: "The server is restarting." },
  /** A text frame where binary y-websocket frames were expected. */
  UnsupportedData: { code: 1003, reason: "Binary y-websocket frames only." },
  /** A frame that does not decode as a y-websocket message, or a change that cannot be read or applied. */
  InvalidPayload: { code: 1007, reason: "This message could not be read or applied." },
  /** A frame larger than the frame limit, or an update that would grow the document past its limit. */
  MessageTooBig: { code: 1009, reason: "Message too big, or the document reached its size limit." },
  /** Something failed on the server (opening the document, handling a frame): reconnect. */
  InternalError: { code: 1011, reason: "Something failed on the server." },
  /**
   * The server reloads the document from storage (a change it could not apply left the copy in
   * memory in doubt): reconnect, nothing of yours is lost.
   */
  Reloading: { code: 1012, reason: "The document is reloading." },
  /** The client reads too slowly (its send buffer overflowed) or sent too much too early. Reconnecting resyncs it. */
  TryAgainLater: { code: 1013, reason: "The connection fell behind; reconnecting." },
  /**
   * This instance is at capacity (server/ops/capacity.ts): reconnect, no sooner than the seconds the
   * reason names (`busyClose`); in the hosted mode another instance may have room.
   */
  Busy: { code: 4503, reason: "The server is at capacity. Retry after a few seconds." },
  /** The member's role changed (viewer ⇄ editor): reconnect to continue with the new rights. */
  AccessChanged: { code: 4300, reason: "Your access to this document changed." },
  /**
   * The client sent a change that broke while being applied (the server reloaded the document for
   * everyone else). Final: reconnecting would send the same change again. The page should reload.
   */
  ChangeRefused: { code: 4400, reason: "This change could not be applied. Reload the page." },
  /** No valid session cookie or access token (never signed in, signed out, session ended, token revoked). */
  Unauthorized: { code: 4401, reason: "Not signed in, or the session ended. Sign in again to keep editing." },
  /** Not a member of this document, the membership was removed, or the token lacks documents:read. */
  Forbidden: { code: 4403, reason: "You do not have access to this document." },
  /** The document was deleted (or never existed). */
  DocumentDeleted: { code: 4404, reason: "This document was deleted." },
} as const satisfies Record<string, CollabClose>;

/**
 * Endings that share a code with an entry above and say more: the access authority's reasons
 * (server/access/endReasons.ts). The page shows the reason it is given, so "You signed out" and
 * "Your session ended" stay different words for the same 4401.
 */
export const CloseVariants = {
  SignedOut: { code: CloseEvents.Unauthorized.code, reason: "You signed out. Sign in again to keep editing." },
  SessionEnded: { code: CloseEvents.Unauthorized.code, reason: "Your session ended. Sign in again to keep editing." },
  AccessRemoved: { code: CloseEvents.Forbidden.code, reason: "Your access to this document was removed." },
  /** The share link the connection came in through was revoked or expired. */
  LinkEnded: { code: CloseEvents.Forbidden.code, reason: "This link no longer works. Ask the owner for a new one." },
  AccountDeactivated: { code: CloseEvents.Unauthorized.code, reason: "Your account was deactivated. Ask an administrator to reactivate it." },
} as const satisfies Record<string, CollabClose>;

export type CloseName = keyof typeof CloseEvents;

/** The codes alone, by the same names (for comparisons and `switch`). */
export const CloseCode = Object.freeze(Object.fromEntries(Object.entries(CloseEvents).map(([name, event]) => [name, event.code]))) as {
  readonly [K in CloseName]: (typeof CloseEvents)[K]["code"];
};

export type CloseCodeValue = (typeof CloseCode)[CloseName];

/**
 * Query parameter our own clients add (`?busy=close`): a refusal at capacity then comes as the Busy
 * close (WebSocket: after the upgrade; HTTP transport: a close event; announcements: a `retry:`),
 * which a browser can read, instead of the HTTP 503 + Retry-After that everyone else gets.
 */
export const BUSY_PARAM = "busy";
export const BUSY_PARAM_VALUE = "close";

/** The Busy close naming its wait, in whole seconds. */
export function busyClose(retryAfterSeconds: number): CollabClose {
  return { code: CloseEvents.Busy.code, reason: `The server is at capacity. Retry after ${Math.max(1, Math.round(retryAfterSeconds))} s.` };
}

/** The wait a Busy close names, in milliseconds; null for any other close (or a reason without one). */
export function retryAfterOfClose(code: number, reason: string): number | null {
  if (code !== CloseEvents.Busy.code) return null;
  const seconds = /Retry after (\d{1,5}) s\./.exec(reason)?.[1];
  return seconds ? Number(seconds) * 1000 : null;
}

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
