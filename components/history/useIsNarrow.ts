// True below Tailwind's lg breakpoint, where the history panel is a full-screen sheet rather than a
// column beside the document: the sheet is modal (focus kept inside), the column is not.
"use client";
import { useSyncExternalStore } from "react";

const QUERY = "(max-width: 1023.98px)";

function subscribe(listener: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener("change", listener);
  return () => list.removeEventListener("change", listener);
}

export function useIsNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
