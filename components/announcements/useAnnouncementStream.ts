// The shared announcement stream as React state, with this browser's local dismissals applied.
"use client";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { getSharedEventStream } from "@/lib/announcements/sharedStream";
import { initialStreamState } from "@/lib/announcements/state";
import { onLocalDismissalsChange, readLocalDismissals } from "@/lib/announcements/localDismissals";
import type { AnnouncementView } from "@/lib/announcements/types";

const serverSnapshot = () => initialStreamState;

export function useAnnouncementStream() {
  const stream = getSharedEventStream();
  const state = useSyncExternalStore(stream.subscribe, stream.getState, serverSnapshot);
  const [localDismissed, setLocalDismissed] = useState<Set<string>>(() => new Set());

  useEffect(() => {
    setLocalDismissed(readLocalDismissals());
    return onLocalDismissalsChange(() => setLocalDismissed(readLocalDismissals()));
  }, []);

  const dismiss = useCallback(
    async (id: string) => {
      setLocalDismissed((prev) => (state.viewer === "anonymous" ? new Set([...prev, id]) : prev));
      await stream.dismiss(id);
    },
    [stream, state.viewer],
  );

  const items: AnnouncementView[] = Object.values(state.items)
    .filter((a) => !localDismissed.has(a.id))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const acknowledge = useCallback((id: string) => stream.acknowledge(id), [stream]);
  return { ...state, items, dismiss, acknowledge };
}
