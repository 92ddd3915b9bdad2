// The document page's one "access lost" notice. Two channels can say it: socket.io's access:changed
// (the access authority's bus event, with who did it) and the collab socket's close (4401/4403/4404);
// whichever arrives first is shown, and the other is the same news, so it is dropped.
"use client";
import { useCallback, useEffect, useState } from "react";
import { useRealtimeEvent } from "@/lib/realtime/hooks";

export type AccessLost = { kind: "live" } | { kind: "lost"; message: string };

const LIVE: AccessLost = { kind: "live" };

/** `onRoleChanged`: access changed but goes on (shared, new role): the page re-reads the document. */
export function useAccessLost(documentId: string, onRoleChanged: () => void) {
  const [state, setState] = useState<AccessLost>(LIVE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: documentId is the trigger: another document starts live again
  useEffect(() => setState(LIVE), [documentId]);

  const lose = useCallback((message: string) => setState((s) => (s.kind === "lost" ? s : { kind: "lost", message })), []);

  useRealtimeEvent("access:changed", (change) => {
    if (change.documentId !== documentId) return;
    if (change.role === null) return lose(change.message);
    onRoleChanged();
  });

  return { state, lose };
}
