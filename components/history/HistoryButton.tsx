// "History" in the document's chrome: opens the versions panel; its tooltip names the shortcut.
"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import type { DocumentHistory } from "./useDocumentHistory";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function HistoryButton({ history, disabled }: { history: DocumentHistory; disabled?: boolean }) {
  const [shortcut, setShortcut] = useState("Ctrl+Alt+H");
  useEffect(() => {
    if (isMac()) setShortcut("⌘⌥H");
  }, []);
  return (
    <Button
      ref={history.buttonRef}
      data-testid="history-button"
      variant={history.isOpen ? "primary" : "secondary"}
      disabled={disabled}
      onClick={history.toggle}
      aria-expanded={history.listShown}
      aria-controls="history-panel"
      aria-keyshortcuts="Control+Alt+H Meta+Alt+H"
      title={`Version history (${shortcut})`}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4" aria-hidden="true">
        <path
          fillRule="evenodd"
          d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .2.08.39.22.53l3 3a.75.75 0 1 0 1.06-1.06l-2.78-2.78V5Z"
          clipRule="evenodd"
        />
      </svg>
      {/* Icon only on a phone, where the document's buttons share one row; the name stays for screen readers. */}
      <span className="sr-only sm:not-sr-only">History</span>
    </Button>
  );
}
