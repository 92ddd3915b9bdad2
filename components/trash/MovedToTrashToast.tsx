// "Moved to the trash" with an Undo, after a delete on the dashboard or the document page. Undo
// restores it (members, comments and history with it); the toast goes by itself after a while.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { InToastRegion } from "@/components/ui/ToastRegion";
import { Button } from "@/components/ui/Button";
import { plainError } from "@/lib/apiErrors";
import { trashApi } from "@/lib/trashApi";
import type { ListedDocument } from "@/lib/contracts/documents";
import { TRASH_RETENTION_DAYS } from "@/lib/trash";

/** Long enough to read it and reach for Undo; the Trash page keeps the way back for 30 days anyway. */
export const UNDO_TOAST_MS = 12_000;

export type Trashed = { id: string; title: string };

export function MovedToTrashToast({
  trashed,
  onDismiss,
  onRestored,
}: {
  trashed: Trashed | null;
  onDismiss: () => void;
  onRestored: (doc: ListedDocument) => void;
}) {
  const [state, setState] = useState<{ kind: "shown" } | { kind: "undoing" } | { kind: "failed"; message: string }>({ kind: "shown" });

  useEffect(() => {
    setState({ kind: "shown" });
    if (!trashed) return;
    const timer = setTimeout(onDismiss, UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [trashed, onDismiss]);

  if (!trashed) return null;
  async function undo() {
    if (!trashed) return;
    setState({ kind: "undoing" });
    try {
      onRestored(await trashApi.restore(trashed.id));
      onDismiss();
    } catch (e) {
      setState({ kind: "failed", message: plainError(e) });
    }
  }
  return (
    <InToastRegion>
      <div
        role="status"
        data-testid="trash-toast"
        className="pointer-events-auto w-full rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        <p className="text-zinc-800 dark:text-zinc-200">
          Moved <strong className="font-medium">“{trashed.title}”</strong> to the{" "}
          <Link href="/trash" className="underline underline-offset-2">
            trash
          </Link>
          . It stays there {TRASH_RETENTION_DAYS} days.
        </p>
        {state.kind === "failed" && <p className="mt-1 text-red-700 dark:text-red-300">{state.message}</p>}
        <div className="mt-2 flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            Dismiss
          </Button>
          <Button size="sm" busy={state.kind === "undoing"} busyLabel="Restoring…" onClick={() => void undo()}>
            Undo
          </Button>
        </div>
      </div>
    </InToastRegion>
  );
}
