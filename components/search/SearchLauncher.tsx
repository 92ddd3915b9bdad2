// The header's search box: a button that looks like one and opens the search dialog, and the
// Ctrl+K / ⌘K shortcut that opens it from anywhere but an editable document, where it adds a link.
"use client";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";

// Loaded when first opened (then kept mounted): no page needs the dialog for its first paint.
const SearchDialog = dynamic(() => import("./SearchDialog").then((m) => m.SearchDialog), { ssr: false });

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchLauncher() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false); // once opened, the dialog stays mounted
  useEffect(() => {
    if (open) setOpened(true);
  }, [open]);
  const [shortcut, setShortcut] = useState("Ctrl K");

  useEffect(() => {
    if (isMac()) setShortcut("⌘K");
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        // In an editable document Ctrl/Cmd+K adds a link (components/editor/EditorBubbles.tsx).
        if (e.target instanceof Element && e.target.closest("[data-handles-mod-k]")) return;
        e.preventDefault();
        e.stopPropagation();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, []);

  return (
    <>
      <button
        type="button"
        data-testid="search-open"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
        aria-haspopup="dialog"
        className="flex h-8 items-center gap-2 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-500 hover:border-zinc-400 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 sm:w-56 sm:px-3 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-200"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0" aria-hidden="true">
          <path
            fillRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
            clipRule="evenodd"
          />
        </svg>
        <span className="sr-only sm:not-sr-only sm:flex-1 sm:text-left">Search…</span>
        <kbd className="hidden rounded border border-zinc-200 px-1.5 font-sans text-xs text-zinc-500 sm:inline dark:border-zinc-700 dark:text-zinc-400">
          {shortcut}
        </kbd>
      </button>
      {(open || opened) && <SearchDialog open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
