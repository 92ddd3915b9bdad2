// Settings' "Signed-in sessions": every browser signed in to this account, with its device in plain
// words and when it was last used; sign one out, or every one but this device. Signing a session out
// ends its open documents and live updates at once (the server closes them).
"use client";
import { useCallback, useEffect, useState } from "react";
import { accountApi, type SessionView } from "@/lib/accountApi";
import { plainError } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { SkeletonRows } from "@/components/ui/Skeleton";

type ListState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; sessions: SessionView[] };

export function SignedInSessions() {
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setList({ status: "ready", sessions: await accountApi.sessions() });
    } catch (e) {
      setList({ status: "error", message: plainError(e) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function act(key: string, action: () => Promise<string>) {
    setBusy(key);
    setError(null);
    setNote(null);
    try {
      setNote(await action());
      await reload();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(null);
    }
  }

  const others = list.status === "ready" ? list.sessions.filter((s) => !s.current) : [];

  return (
    <section
      aria-labelledby="sessions-heading"
      data-testid="signed-in-sessions"
      className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Signed-in sessions
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Where your account is signed in. Sign out any you do not recognise.</p>
        </div>
        {others.length > 0 && (
          <Button
            variant="danger"
            size="sm"
            busy={busy === "others"}
            busyLabel="Signing out…"
            onClick={() =>
              void act("others", async () => {
                const ended = await accountApi.endOtherSessions();
                return ended === 1 ? "Signed out 1 other session." : `Signed out ${ended} other sessions.`;
              })
            }
          >
            Sign out everywhere else
          </Button>
        )}
      </div>
      {error && (
        <div className="mt-3">
          <Alert>{error}</Alert>
        </div>
      )}
      {note && (
        <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">
          {note}
        </p>
      )}
      <div className="mt-4 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
        {list.status === "loading" ? (
          <SkeletonRows rows={2} label="Loading sessions" />
        ) : list.status === "error" ? (
          <div className="p-3">
            <Alert>We could not load your sessions. {list.message}</Alert>
          </div>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {list.sessions.map((s) => (
              <li key={s.id} data-testid="session-row" className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    {s.device}
                    {s.current && (
                      <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                    {s.current ? (
                      "Active now"
                    ) : (
                      <>
                        Last used <RelativeTime iso={s.lastUsedAt ?? s.createdAt} />
                      </>
                    )}{" "}
                    · Signed in <RelativeTime iso={s.createdAt} />
                  </p>
                </div>
                {!s.current && (
                  <Button
                    size="sm"
                    variant="dangerGhost"
                    busy={busy === s.id}
                    busyLabel="Signing out…"
                    onClick={() =>
                      void act(s.id, async () => {
                        await accountApi.endSession(s.id);
                        return `Signed out ${s.device}.`;
                      })
                    }
                  >
                    Sign out<span className="sr-only"> {s.device}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
