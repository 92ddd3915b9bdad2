// Connection middleware: who is connecting, by the same rule as HTTP (session cookie, or a personal
// access token in `auth: {token}` / `Authorization: Bearer`). A cookie is trusted only from our own
// origin, otherwise any site the user visits could open a socket in their name.
import type { ExtendedError } from "socket.io";
import type { Services } from "../services";
import type { AuthUser } from "../auth/auth";
import { parseCookies, SESSION_COOKIE } from "../http/cookies";
import type { RealtimeErrorCode } from "../../lib/realtime/events";
import { isSameOrigin } from "../http/origin";
import { TokenBucket } from "./tokenBucket";
import type { TandemSocket } from "./types";
import type { Credential } from "./sessionRecheck";

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

/**
 * The credential the handshake was accepted with, in `Auth.authenticate`'s order (a token in the
 * handshake or `Authorization: Bearer` before the session cookie), kept so it can be re-checked later.
 */
function credentialOf(socket: TandemSocket): Credential | null {
  const token: unknown = socket.handshake.auth?.token;
  if (token !== undefined) return { kind: "token", secret: typeof token === "string" ? token : "" };
  const bearer = /^Bearer\s+(\S+)$/i.exec(socket.request.headers.authorization ?? "")?.[1];
  if (bearer) return { kind: "token", secret: bearer };
  const cookie = parseCookies(socket.request.headers.cookie).get(SESSION_COOKIE);
  return cookie ? { kind: "cookie", secret: cookie } : null;
}

export function handshakeMiddleware(services: Services) {
  return async (socket: TandemSocket, next: (err?: ExtendedError) => void) => {
    try {
      const token: unknown = socket.handshake.auth?.token;
      let auth: { user: AuthUser; via: "cookie" | "token" } | null;
      if (token !== undefined) {
        const user = typeof token === "string" && token.length <= 200 ? await services.auth.userFromAccessToken(token) : null;
        if (!user) return next(refusal("unauthorized", "That access token is not valid. Create a new one in Settings."));
        auth = { user, via: "token" };
      } else {
        auth = await services.auth.authenticate(socket.request);
      }
      const credential = credentialOf(socket);
      if (!auth || !credential) return next(refusal("unauthorized", "Please sign in first."));
      if (auth.via === "cookie" && !isSameOrigin(socket.request, services.config)) {
        return next(refusal("forbidden", "Connections from other sites are not allowed."));
      }
      socket.data.user = auth.user;
      socket.data.credential = credential;
      socket.data.credentialId = services.auth.credentialId(credential.secret);
      socket.data.bucket = new TokenBucket(EVENT_BURST, EVENTS_PER_SECOND);
      next();
    } catch (err) {
      services.log.error({ err }, "socket.io handshake failed");
      next(refusal("internal", "Could not check your sign-in. Please try again."));
    }
  };
}
