// Connection middleware: who is connecting, by the same rule as HTTP (session cookie, or a personal
// access token in `auth: {token}` / `Authorization: Bearer`). A cookie is trusted only from our own
// origin, otherwise any site the user visits could open a socket in their name.
import type { ExtendedError } from "socket.io";
import type { Services } from "../services";
import type { Caller } from "../auth/auth";
import type { RealtimeErrorCode } from "../../lib/realtime/events";
import { originRefusal, SET_PUBLIC_URL } from "../http/origin";
import { TokenBucket } from "./tokenBucket";
import { BUSY_MESSAGE } from "../ops/capacity";
import { allows } from "../auth/scopes";
import type { TandemSocket } from "./types";
import { guestUser } from "../auth/linkCredential";
import { guestCredentialId } from "../access/linkHolds";

/** Events a socket may send in a burst, and per second after that. */
export const EVENT_BURST = 30;
export const EVENTS_PER_SECOND = 10;
/** All sockets of one account together (on one instance): three busy tabs' worth. */
export const ACCOUNT_EVENT_BURST = 3 * EVENT_BURST;
export const ACCOUNT_EVENTS_PER_SECOND = 3 * EVENTS_PER_SECOND;

/** The client sees `err.message` and `err.data.code` in its `connect_error` handler. */
function refusal(code: RealtimeErrorCode, message: string): ExtendedError {
  return Object.assign(new Error(message), { data: { code } });
}

/** A guest's socket: the link is its credential; it reads one document's comments and cannot write. */
async function guestHandshake(services: Services, socket: TandemSocket): Promise<"guest" | "refused"> {
  const documentId: unknown = socket.handshake.auth?.linkDocument;
  if (typeof documentId !== "string") return "refused";
  const link = await services.links.linkFor(socket.request, documentId).catch(() => null); // rate-limited: refused too
  if (!link) return "refused";
  socket.data.user = guestUser();
  socket.data.credentialId = guestCredentialId(link.id);
  socket.data.expiresAt = null;
  socket.data.link = link;
  socket.data.mayWrite = false;
  socket.data.bucket = new TokenBucket(EVENT_BURST, EVENTS_PER_SECOND);
  return "guest";
}

/**
 * At capacity the handshake is refused before anything is looked up, with `unavailable` and the
 * jittered wait in `data.retryAfterSeconds` (lib/realtime/client.ts comes back after it); the slot is
 * held from here until the socket disconnects, or given back if the handshake refuses it.
 */
export function capacityMiddleware(services: Services, handshake: ReturnType<typeof handshakeMiddleware>) {
  return (socket: TandemSocket, next: (err?: ExtendedError) => void) => {
    const capacity = services.capacity.admit("realtimeSockets");
    if (capacity.kind === "busy") {
      return next(Object.assign(new Error(BUSY_MESSAGE), { data: { code: "unavailable", retryAfterSeconds: capacity.retryAfterSeconds } }));
    }
    void handshake(socket, (err) => {
      if (err) capacity.slot.release();
      else socket.data.capacitySlot = capacity.slot;
      next(err);
    });
  };
}

export function handshakeMiddleware(services: Services) {
  return async (socket: TandemSocket, next: (err?: ExtendedError) => void) => {
    try {
      const token: unknown = socket.handshake.auth?.token;
      let caller: Caller | null;
      if (token !== undefined) {
        const secret = typeof token === "string" && token.length <= 200 ? token : null;
        const live = secret ? await services.auth.accessTokenOf(secret) : null;
        if (!secret || !live) return next(refusal("unauthorized", "That access token is not valid. Create a new one in Settings."));
        caller = { ...live, via: "token", credentialId: services.auth.credentialId(secret), expiresAt: null };
      } else {
        caller = await services.auth.authenticate(socket.request);
      }
      if (!caller) {
        // A guest: `auth: {linkDocument}` names the document whose link cookie (set by /s/<token>) to use.
        const guest = await guestHandshake(services, socket);
        if (guest === "refused") return next(refusal("unauthorized", "Please sign in first."));
        return next();
      }
      const originProblem = caller.via === "cookie" ? originRefusal(socket.request, services.config) : null;
      if (originProblem) {
        // A server without PUBLIC_URL says what to set; anything else is simply another site.
        return next(refusal("forbidden", originProblem === SET_PUBLIC_URL ? originProblem : "Connections from other sites are not allowed."));
      }
      // A token's scopes (auth/scopes.ts): reading to connect at all, writing for comments.
      if (!allows(caller, "documents:read")) return next(refusal("forbidden", "This access token does not have the documents:read scope."));
      socket.data.mayWrite = allows(caller, "documents:write");
      // Kept for the access authority (channel.ts registers the socket once connected).
      socket.data.user = caller.user;
      socket.data.credentialId = caller.credentialId;
      socket.data.expiresAt = caller.expiresAt;
      socket.data.bucket = new TokenBucket(EVENT_BURST, EVENTS_PER_SECOND);
      next();
    } catch (err) {
      services.log.error({ err }, "socket.io handshake failed");
      next(refusal("internal", "Could not check your sign-in. Please try again."));
    }
  };
}
