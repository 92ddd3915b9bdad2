// The document page's Delete (owners only): asks, moves the document to the trash, and goes to the
// dashboard, which offers the Undo (?trashed=<id>, see Dashboard).
"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { api } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { TRASH_RETENTION_DAYS, TRASHED_PARAM } from "@/lib/trash";
import { Button } from "@/components/ui/Button";
import { useAsk } from "@/components/ui/AskDialog";

export function DeleteToTrashButton({ id, title, disabled }: { id: string; title: string; disabled?: boolean }) {
  const ask = useAsk();
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function remove() {
    const ok = await ask.confirm({
      title: "Delete this document?",
      message: (
        <>
          <strong className="font-medium">{title}</strong> will be deleted for everyone it is shared with. It stays in your Trash for {TRASH_RETENTION_DAYS}{" "}
          days, where you can restore it.
        </>
      ),
      confirmLabel: "Move to trash",
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      await api.deleteDocument(id);
      router.push(`/dashboard?${TRASHED_PARAM}=${encodeURIComponent(id)}`);
    } catch (e) {
      setBusy(false);
      await ask.notice({ title: "The document was not deleted", message: plainError(e) });
    }
  }

  return (
    <Button variant="dangerGhost" disabled={disabled} busy={busy} busyLabel="Deleting…" onClick={() => void remove()}>
      Delete
    </Button>
  );
}
