// Results as you type: the query is sent a moment after the last keystroke, and an answer that arrives
// after a newer query was sent is dropped, so the list always belongs to what is in the box.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, request } from "@/lib/api";
import type { SearchResponse, SearchResult } from "@/lib/contracts/search";
import { SEARCH_QUERY_MAX } from "@/lib/contracts/search";

export type SearchState =
  | { kind: "idle" }
  | { kind: "searching"; previous: SearchResult[] }
  | { kind: "done"; query: string; results: SearchResult[] }
  | { kind: "failed"; message: string };

const TYPING_PAUSE_MS = 150;

export function useSearch(query: string): { state: SearchState; retry: () => void } {
  const [state, setState] = useState<SearchState>({ kind: "idle" });
  const latest = useRef(0);
  const [attempt, setAttempt] = useState(0);
  const q = query.trim().slice(0, SEARCH_QUERY_MAX);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger: "Try again" sends the same query once more
  useEffect(() => {
    const ticket = ++latest.current;
    if (q === "") {
      setState({ kind: "idle" });
      return;
    }
    setState((s) => ({ kind: "searching", previous: s.kind === "done" ? s.results : s.kind === "searching" ? s.previous : [] }));
    const timer = setTimeout(() => {
      request<SearchResponse>("GET", `/api/search?q=${encodeURIComponent(q)}`).then(
        (answer) => ticket === latest.current && setState({ kind: "done", query: q, results: answer.results }),
        (error) => ticket === latest.current && setState({ kind: "failed", message: errorMessage(error) }),
      );
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [q, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
