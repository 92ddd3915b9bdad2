// Who is signed in, for every page. Asked once from /api/me; sign-in, sign-up and sign-out update it.
"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, errorMessage, type User } from "@/lib/api";

type Status = "loading" | "signed-in" | "signed-out" | "error";

type Session = {
  status: Status;
  user: User | null;
  /** Why the session could not be checked (status "error"), e.g. the server is unreachable. */
  error: string | null;
  setUser(user: User | null): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>("loading");
  const [user, setUserState] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setUser = useCallback((next: User | null) => {
    setUserState(next);
    setError(null);
    setStatus(next ? "signed-in" : "signed-out");
  }, []);

  const refresh = useCallback(async () => {
    try {
      setUser(await api.me());
    } catch (e) {
      setError(errorMessage(e));
      setStatus("error");
    }
  }, [setUser]);

  const signOut = useCallback(async () => {
    // Forget the user locally even if the request fails: the cookie is cleared on the next success.
    await api.logout().catch(() => undefined);
    setUser(null);
  }, [setUser]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ status, user, error, setUser, refresh, signOut }), [status, user, error, setUser, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>.");
  return session;
}

/** The signed-in user, for components rendered inside <RequireAuth>. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error("useUser must be used inside <RequireAuth>.");
  return user;
}
