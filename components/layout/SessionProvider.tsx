// Who is signed in, for every page. Asked once from /api/me; sign-in, sign-up and sign-out update it.
// A session can also end under a page (signed out in another tab, or expired): the page then stays
// as it was but read-only, says so, and offers "Sign in again" ("ended" below).
// With no network, the user last signed in on this device stands in (lib/offline/offlineRecord.ts), so
// documents kept offline open; the server is asked again as soon as the connection returns.
"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, ApiError, type User } from "@/lib/api";
import { forgetEverything, rememberedUser, rememberUser } from "@/lib/offline/offlineRecord";
import { clearShellCaches } from "@/lib/offline/shellCache";
import { plainError } from "@/lib/apiErrors";

/**
 * "ended": we were signed in and the server no longer knows our session. `user` is still the last
 * one known, so open pages can keep showing what they showed, with every control turned off.
 */
export type SessionStatus = "loading" | "signed-in" | "signed-out" | "ended" | "error";

type Session = {
  status: SessionStatus;
  user: User | null;
  /** Why the session could not be checked (status "error"), e.g. the server is unreachable. */
  error: string | null;
  setUser(user: User | null): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** Something (a collab close code, a 401) says the session is gone: show the signed-out state. */
  sessionEnded(): void;
};

const SessionContext = createContext<Session | null>(null);

/** Tells this browser's other tabs at once that we signed out here (no wait for a close code). */
const CHANNEL = "tandem-session";

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [user, setUserState] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  // True while the user shown is the one remembered on this device, not yet confirmed by the server.
  const unconfirmed = useRef(false);

  const setUser = useCallback((next: User | null) => {
    unconfirmed.current = false;
    if (next) rememberUser(next);
    setUserState(next);
    setError(null);
    setStatus(next ? "signed-in" : "signed-out");
  }, []);

  const sessionEnded = useCallback(() => {
    // Only a session we had can end; keep the user for the page's content.
    setStatus((s) => (s === "signed-in" ? "ended" : s));
  }, []);

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      // Opened offline as the remembered user, and that session is gone now: the page stays, read-only.
      if (!me && unconfirmed.current) return setStatus("ended");
      setUser(me);
    } catch (e) {
      const remembered = e instanceof ApiError && e.code === "network" ? rememberedUser() : null;
      if (remembered) {
        unconfirmed.current = true;
        setUserState(remembered);
        setError(null);
        setStatus("signed-in");
        return;
      }
      setError(plainError(e));
      setStatus("error");
    }
  }, [setUser]);

  // Back online after opening offline: ask the server who we are.
  useEffect(() => {
    const recheck = () => unconfirmed.current && void refresh();
    window.addEventListener("online", recheck);
    return () => window.removeEventListener("online", recheck);
  }, [refresh]);

  const signOut = useCallback(async () => {
    // Forget the user locally even if the request fails: the cookie is cleared on the next success.
    await api.logout().catch(() => undefined);
    // Nothing of this account stays for offline use: not who it was, not the kept pages.
    forgetEverything();
    await clearShellCaches();
    setUser(null);
    if (typeof BroadcastChannel !== "undefined") {
      const channel = new BroadcastChannel(CHANNEL);
      channel.postMessage("signed-out");
      channel.close();
    }
  }, [setUser]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useSessionEndSignals(status, sessionEnded);

  const value = useMemo(
    () => ({ status, user, error, setUser, refresh, signOut, sessionEnded }),
    [status, user, error, setUser, refresh, signOut, sessionEnded],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Another tab signing out, or the session found gone when this tab comes back into view. */
function useSessionEndSignals(status: SessionStatus, sessionEnded: () => void): void {
  useEffect(() => {
    if (status !== "signed-in") return;
    const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(CHANNEL) : null;
    if (channel) channel.onmessage = (e) => e.data === "signed-out" && sessionEnded();
    const recheck = () => {
      if (document.visibilityState !== "visible") return;
      api.me().then(
        (me) => !me && sessionEnded(),
        () => undefined,
      ); // offline is not signed out
    };
    document.addEventListener("visibilitychange", recheck);
    return () => {
      channel?.close();
      document.removeEventListener("visibilitychange", recheck);
    };
  }, [status, sessionEnded]);
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>.");
  return session;
}

/** The signed-in user (or the last one, once the session "ended"), for components inside <RequireAuth>. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error("useUser must be used inside <RequireAuth>.");
  return user;
}

/** True once the session ended under the page: every control that writes must be off. */
export function useSessionEnded(): boolean {
  return useSession().status === "ended";
}
