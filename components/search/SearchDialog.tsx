// The search dialog: a combobox (the input) over a list of results that follows what is typed. Arrow
// keys move through the results, Enter opens the one shown active, Escape closes (the native dialog).
// Opening a result goes to the document with ?q=, and the page scrolls to the first match
// (components/search/useScrollToMatch.ts).
"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/Dialog";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import type { SearchResult } from "@/lib/contracts/search";
import { SEARCH_QUERY_MAX } from "@/lib/contracts/search";
import { Highlighted } from "./Highlighted";
import { useSearch, type SearchState } from "./useSearch";

export const documentHrefForMatch = (id: string, query: string) => `/documents/${encodeURIComponent(id)}?q=${encodeURIComponent(query.trim())}`;

function shownResults(state: SearchState): SearchResult[] {
  switch (state.kind) {
    case "idle":
    case "failed":
      return [];
    case "searching":
      return state.previous; // kept while the next answer comes, so the list does not flicker
    case "done":
      return state.results;
  }
}

export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const { state, retry } = useSearch(open ? query : "");
  const results = shownResults(state);
  const router = useRouter();
  const listId = useId();
  const labelId = useId();
  const list = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: results is the trigger: a new list starts on its first entry
  useEffect(() => setActive(0), [results]);
  useEffect(() => {
    if (!open) setQuery("");
  }, [open]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function openResult(result: SearchResult | undefined) {
    if (!result) return;
    onClose();
    router.push(documentHrefForMatch(result.id, query));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (results.length === 0) return;
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      setActive((active + step + results.length) % results.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      openResult(results[active]);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title="Search documents" size="md" testId="search-dialog">
      <label id={labelId} htmlFor={`${listId}-input`} className="sr-only">
        Search your documents by title or text
      </label>
      <input
        id={`${listId}-input`}
        data-autofocus
        data-testid="search-input"
        // Not type="search": there the first Escape only clears the box, and Escape should close.
        type="text"
        inputMode="search"
        enterKeyHint="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={results.length > 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_QUERY_MAX}
        placeholder="Type to search titles and text…"
        className={inputClass}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p aria-live="polite" className="mt-2 min-h-5 text-xs text-zinc-500 dark:text-zinc-400" data-testid="search-status">
        {statusLine(state)}
      </p>
      {state.kind === "failed" && (
        <div
          role="alert"
          className="mt-2 flex items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
        >
          <span>Search is not available right now. {state.message}</span>
          <Button size="sm" onClick={retry}>
            Try again
          </Button>
        </div>
      )}
      <div
        ref={list}
        id={listId}
        role="listbox"
        aria-labelledby={labelId}
        data-testid="search-results"
        className={`mt-1 max-h-[min(60vh,28rem)] overflow-y-auto ${results.length > 0 ? "" : "hidden"}`}
      >
        {results.map((result, i) => (
          // biome-ignore lint/a11y/useFocusableInteractive: combobox pattern: focus stays in the input, which points at the active option (aria-activedescendant)
          // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (arrows move, Enter opens); the click is for the mouse
          <div
            key={result.id}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === active}
            data-testid="search-result"
            onMouseMove={() => setActive(i)}
            onClick={() => openResult(result)}
            className={`cursor-pointer rounded-md px-3 py-2 ${i === active ? "bg-indigo-50 ring-1 ring-indigo-200 dark:bg-indigo-950/60 dark:ring-indigo-900" : ""}`}
          >
            <div className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
              <Highlighted text={result.title} ranges={result.titleHighlights} />
            </div>
            {result.snippet && (
              <div data-testid="search-snippet" className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                <Highlighted text={result.snippet} ranges={result.highlights} />
              </div>
            )}
          </div>
        ))}
      </div>
      {state.kind === "done" && results.length === 0 && (
        <div className="px-2 py-6 text-center" data-testid="search-empty">
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">No documents match “{state.query}”.</p>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            Try fewer or shorter words: every word must appear, and a word finds longer ones that start with it.
          </p>
        </div>
      )}
    </Dialog>
  );
}

function statusLine(state: SearchState): string {
  switch (state.kind) {
    case "idle":
      return "Finds documents shared with you by their title and text. ↑ ↓ to choose, Enter to open.";
    case "searching":
      return "Searching…";
    case "done":
      return state.results.length === 0 ? "" : `${state.results.length} document${state.results.length === 1 ? "" : "s"} found. ↑ ↓ to choose, Enter to open.`;
    case "failed":
      return "";
  }
}
