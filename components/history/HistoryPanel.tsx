// The version history panel: a column beside the document on wide screens, a full-screen sheet on a
// phone (modal there: focus stays inside). Name this version, who wrote what, and the versions.
// Escape closes it and gives focus back to the History button.
"use client";
import { useEffect, useRef, type KeyboardEvent } from "react";
import type { Role } from "@/lib/contracts/documents";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Skeleton } from "@/components/ui/Skeleton";
import type { DocumentHistory } from "./useDocumentHistory";
import { NameVersionForm } from "./NameVersionForm";
import { VersionList } from "./VersionList";

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), [href], [tabindex]:not([tabindex="-1"])';

export function HistoryPanel({ history, role }: { history: DocumentHistory; role: Role }) {
  const ref = useRef<HTMLDivElement>(null);
  const { view, versions, narrow, listShown } = history;
  const canName = role !== "viewer";
  const selectedId = view.kind === "version" || view.kind === "compare" ? view.versionId : null;

  // Opening moves focus into the panel: onto Close while the list loads, then onto the list's one Tab
  // stop (the version shown, or Current), unless the person has moved on inside the panel meanwhile.
  const ready = versions.state.status === "ready";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list's arrival (ready) is a reason to move focus onto it
  useEffect(() => {
    const panel = ref.current;
    if (!listShown || !panel) return;
    const active = document.activeElement;
    if (active && panel.contains(active) && !active.hasAttribute("data-history-close")) return;
    const target =
      panel.querySelector<HTMLElement>('[data-testid="version-list"] button[tabindex="0"]') ?? panel.querySelector<HTMLElement>("[data-history-close]");
    target?.focus();
  }, [listShown, ready]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      history.close();
      return;
    }
    // The phone's sheet covers the page: Tab goes round inside it.
    if (e.key !== "Tab" || !narrow || !ref.current) return;
    const all = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.tabIndex >= 0 && el.offsetParent !== null);
    if (all.length === 0) return;
    const first = all[0];
    const last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and the phone's focus loop are handled for everything inside
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role (dialog or region, spread below by width) takes a label; the linter cannot see a spread role
    <div
      ref={ref}
      id="history-panel"
      data-testid="history-panel"
      // A modal dialog as the phone's sheet; a labelled region as the column beside the document.
      {...(narrow ? { role: "dialog", "aria-modal": true } : { role: "region" })}
      aria-labelledby="history-heading"
      onKeyDown={onKeyDown}
      className={`${listShown ? "fixed inset-0 z-40 flex" : "hidden"} flex-col overscroll-contain bg-white dark:bg-zinc-950 lg:static lg:z-auto lg:flex lg:max-h-[calc(100dvh-2rem)] lg:w-80 lg:shrink-0 lg:self-start lg:rounded-lg lg:border lg:border-zinc-200 lg:shadow-sm lg:sticky lg:top-4 dark:lg:border-zinc-800`}
    >
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id="history-heading" className="text-base font-semibold">
          Version history
        </h2>
        <div className="flex items-center gap-1">
          {/* On a phone over a version: back to that version, keeping history open. */}
          {narrow && view.kind !== "current" && (
            <Button size="sm" variant="ghost" onClick={history.hideList}>
              Back to the version
            </Button>
          )}
          <button
            type="button"
            data-history-close
            onClick={history.close}
            aria-label="Close version history"
            className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:text-zinc-400 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5" aria-hidden="true">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </div>
      </div>

      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">
        {canName && <NameVersionForm onName={versions.name} />}
        <WhoWroteWhatSwitch on={view.kind === "authors"} onChange={(on) => history.show(on ? { kind: "authors" } : { kind: "current" })} />
        {versions.state.status === "loading" && (
          <div role="status" aria-label="Loading versions" className="space-y-3 px-1">
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="space-y-1.5">
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-3 w-1/3" />
              </div>
            ))}
          </div>
        )}
        {versions.state.status === "error" && (
          <Alert
            action={
              <Button size="sm" onClick={() => void versions.reload()}>
                Try again
              </Button>
            }
          >
            We could not load the versions. {versions.state.message}
          </Alert>
        )}
        {versions.state.status === "ready" && (
          <>
            <VersionList
              versions={versions.state.versions}
              selectedId={selectedId}
              onSelect={(v) => history.show({ kind: "version", versionId: v.id })}
              onSelectCurrent={() => history.show({ kind: "current" })}
            />
            {versions.state.versions.length === 0 && (
              <EmptyState title="No versions yet">Versions are saved automatically while you edit{canName ? ", or name one above" : ""}.</EmptyState>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function WhoWroteWhatSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      data-testid="who-wrote-what"
      onClick={() => onChange(!on)}
      className="flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/70"
    >
      <span>
        <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">Show who wrote what</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">Colours the current text by its author</span>
      </span>
      <span
        aria-hidden="true"
        className={`relative inline-flex h-5 w-9 shrink-0 rounded-full transition-colors ${on ? "bg-indigo-600 dark:bg-indigo-500" : "bg-zinc-300 dark:bg-zinc-700"}`}
      >
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform ${on ? "translate-x-4" : "translate-x-0.5"}`} />
      </span>
    </button>
  );
}
