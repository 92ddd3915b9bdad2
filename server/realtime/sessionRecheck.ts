// A socket outlives the HTTP request that opened it. Sign-out and token revocation end it at once
// (`credential.revoked` on the bus, see auth/liveCredentials.ts); what nobody announces, a session
// expiring or a row deleted by hand, is caught here: every interval, each local socket's credential is
// checked again (once per distinct credential) and sockets whose check fails are closed.
import type { Services } from "../services";
import type { AuthUser } from "../auth/auth";
import type { TandemIo } from "./types";

export const SESSION_RECHECK_MS = 60_000;

export type Credential = { kind: "cookie" | "token"; secret: string };

export function startSessionRecheck(io: TandemIo, services: Services, intervalMs = SESSION_RECHECK_MS): () => void {
  const { auth, log } = services;
  let running = false;

  async function recheck(): Promise<void> {
    if (running) return; // a slow database must not stack checks up
    running = true;
    try {
      const checks = new Map<string, Promise<AuthUser | null>>();
      for (const socket of io.of("/").sockets.values()) {
        const { credential, user } = socket.data;
        const key = `${credential.kind}:${credential.secret}`;
        if (!checks.has(key)) {
          checks.set(
            key,
            credential.kind === "cookie" ? auth.userFromSessionToken(credential.secret) : auth.userFromAccessToken(credential.secret),
          );
        }
        const current = await checks.get(key)!;
        if (current?.id !== user.id) {
          log.info({ userId: user.id }, "socket.io session ended; disconnecting");
          socket.disconnect(true);
        }
      }
    } catch (err) {
      log.error({ err }, "socket.io session recheck failed");
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void recheck(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
