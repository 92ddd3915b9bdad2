// "Restored “Draft 1”" with an Undo (which restores the restore point kept of the text before), and
// "Undone" after it. Goes by itself after a while; the restore point stays in the history anyway.
"use client";
import { useEffect } from "react";
import { InToastRegion } from "@/components/ui/ToastRegion";
import { Button } from "@/components/ui/Button";
import { UNDO_TOAST_MS } from "@/components/trash/MovedToTrashToast";
import type { Restored } from "./useVersionActions";

const UNDONE_TOAST_MS = 5_000;

export function RestoredToast({ restored, onUndo, onDismiss }: { restored: Restored | null; onUndo: () => void; onDismiss: () => void }) {
  const kind = restored?.kind;
  useEffect(() => {
    if (kind !== "restored" && kind !== "undone") return;
    const timer = setTimeout(onDismiss, kind === "undone" ? UNDONE_TOAST_MS : UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [kind, onDismiss]);

  if (!restored) return null;
  return (
    <InToastRegion>
      <div
        role="status"
        data-testid="restore-toast"
        className="pointer-events-auto w-full rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {restored.kind === "undone" ? (
          <p className="text-zinc-800 dark:text-zinc-200">Undone: the document is back to how it was before the restore.</p>
        ) : (
          <>
            <p className="text-zinc-800 dark:text-zinc-200">
              Restored <strong className="font-medium">“{restored.title}”</strong>. Everyone editing sees it now.
            </p>
            {restored.kind === "undo-failed" && <p className="mt-1 text-red-700 dark:text-red-300">{restored.message}</p>}
          </>
        )}
        <div className="mt-2 flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            Dismiss
          </Button>
          {restored.kind !== "undone" && (
            <Button size="sm" busy={restored.kind === "undoing"} busyLabel="Undoing…" onClick={onUndo}>
              Undo
            </Button>
          )}
        </div>
      </div>
    </InToastRegion>
  );
}
