// Favourites and Recently opened for the dashboard: the ids (in their order) from the server, which
// lists only documents the account can still open. The dashboard shows them through its live
// document list, so a rename, a lost membership or a trashed document shows at once there too.
"use client";
import { useCallback, useEffect, useState } from "react";
import { shortcutsApi } from "@/lib/accountApi";
import { plainError } from "@/lib/apiErrors";
import { useRealtimeEvent } from "@/lib/realtime/hooks";

export type ShortcutState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; favourites: string[]; recent: string[] };

export function useShortcuts() {
  const [state, setState] = useState<ShortcutState>({ status: "loading" });
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [favourites, recent] = await Promise.all([shortcutsApi.favourites(), shortcutsApi.recent()]);
      setState({ status: "ready", favourites: favourites.map((d) => d.id), recent: recent.map((d) => d.id) });
    } catch (e) {
      setState({ status: "error", message: plainError(e) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);
  // Starred or unstarred in another tab or browser of this account.
  useRealtimeEvent("favourites:changed", () => void reload());

  /** Stars or unstars at once, and puts it back if the server refused. */
  const toggle = useCallback(async (id: string, starred: boolean) => {
    const apply = (on: boolean) =>
      setState((s) =>
        s.status !== "ready" ? s : { ...s, favourites: on ? [id, ...s.favourites.filter((f) => f !== id)] : s.favourites.filter((f) => f !== id) },
      );
    setError(null);
    apply(!starred);
    try {
      await (starred ? shortcutsApi.unstar(id) : shortcutsApi.star(id));
    } catch (e) {
      apply(starred);
      setError(plainError(e));
    }
  }, []);

  return { state, error, reload, toggle };
}

/** One document's star, for its page's header. */
export function useFavourite(id: string) {
  const [starred, setStarred] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useRealtimeEvent("favourites:changed", () => setVersion((v) => v + 1));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger (a star changed elsewhere).
  useEffect(() => {
    let live = true;
    shortcutsApi.favourites().then(
      (docs) => live && setStarred(docs.some((d) => d.id === id)),
      () => live && setStarred((s) => s ?? false),
    );
    return () => {
      live = false;
    };
  }, [id, version]);
  const toggle = useCallback(async () => {
    if (starred === null) return;
    setError(null);
    setStarred(!starred);
    try {
      await (starred ? shortcutsApi.unstar(id) : shortcutsApi.star(id));
    } catch (e) {
      setStarred(starred);
      setError(plainError(e));
    }
  }, [id, starred]);
  return { starred, error, toggle };
}
