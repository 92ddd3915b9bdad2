// Asks before deleting: the document leaves everyone it is shared with, into the owner's trash.
"use client";
import { useState } from "react";
import type { DocumentSummary } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { Dialog } from "@/components/ui/Dialog";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { TRASH_RETENTION_DAYS } from "@/lib/trash";

type Props = {
  doc: DocumentSummary | null;
  onCancel: () => void;
  onConfirm: (id: string) => Promise<void>;
};

export function DeleteDocumentDialog({ doc, onCancel, onConfirm }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    if (busy) return;
    setError(null);
    onCancel();
  }

  async function confirm() {
    if (!doc) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(doc.id);
      onCancel();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={doc !== null}
      onClose={close}
      testId="delete-document-dialog"
      title="Delete this document?"
      description={
        <>
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">{doc?.title}</strong> will be deleted for everyone it is shared with. It stays in
          your Trash for {TRASH_RETENTION_DAYS} days, where you can restore it.
        </>
      }
      footer={
        <>
          <Button onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} busy={busy} busyLabel="Deleting…">
            Delete document
          </Button>
        </>
      }
    >
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
