// The document page's history mode, as one state: closed, or open with what the document area shows
// (the live editor, who wrote what, one version, or a comparison) and, on a phone, whether the
// full-screen list is up. Ctrl+Alt+H (⌘⌥H) opens and closes it from anywhere on the page.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useIsNarrow } from "./useIsNarrow";
import { useVersions } from "./useVersions";

export type HistoryView =
  | { kind: "current" }
  | { kind: "authors" }
  | { kind: "version"; versionId: string }
  /** `versionId` against `other`; the view puts the older of the two first. */
  | { kind: "compare"; versionId: string; other: "current" | string };

export type HistoryState = { kind: "closed" } | { kind: "open"; view: HistoryView; listShown: boolean };

const CURRENT: HistoryView = { kind: "current" };

/** Ctrl+Alt+H, or ⌘⌥H on a Mac (by key position: Alt+H types "˙" there). */
export const isHistoryShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.altKey && !e.shiftKey && e.code === "KeyH";

export function useDocumentHistory(documentId: string, enabled: boolean) {
  const [state, setState] = useState<HistoryState>({ kind: "closed" });
  const narrow = useIsNarrow();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const versions = useVersions(documentId, state.kind === "open");

  const open = useCallback(() => setState((s) => (s.kind === "open" ? { ...s, listShown: true } : { kind: "open", view: CURRENT, listShown: true })), []);
  const close = useCallback(() => {
    setState({ kind: "closed" });
    buttonRef.current?.focus();
  }, []);
  /** Shows `view` in the document area; on a phone the list steps aside for it. */
  const show = useCallback((view: HistoryView) => setState({ kind: "open", view, listShown: false }), []);
  const hideList = useCallback(() => setState((s) => (s.kind === "open" ? { ...s, listShown: false } : s)), []);

  // On a phone the button (and the shortcut) brings the list back over a version; elsewhere it closes.
  const visibleList = state.kind === "open" && (state.listShown || !narrow);
  const toggle = useCallback(() => (visibleList ? close() : open()), [visibleList, close, open]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isHistoryShortcut(e)) return;
      e.preventDefault();
      e.stopPropagation();
      toggle();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [enabled, toggle]);

  // Access lost or signed out: history closes with the editor's other tools.
  useEffect(() => {
    if (!enabled) setState({ kind: "closed" });
  }, [enabled]);

  // A version deleted (here or by the owner elsewhere) is no longer shown.
  const view = state.kind === "open" ? state.view : CURRENT;
  const missing =
    versions.state.status === "ready" &&
    (view.kind === "version" || view.kind === "compare") &&
    (!versions.find(view.versionId) || (view.kind === "compare" && view.other !== "current" && !versions.find(view.other)));
  useEffect(() => {
    if (missing) setState((s) => (s.kind === "open" ? { ...s, view: CURRENT } : s));
  }, [missing]);

  return { state, view, isOpen: state.kind === "open", narrow, listShown: visibleList, open, close, toggle, show, hideList, versions, buttonRef, documentId };
}

export type DocumentHistory = ReturnType<typeof useDocumentHistory>;
