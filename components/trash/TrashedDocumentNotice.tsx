// What a trashed document's link shows its members: that it is in the trash and who can restore it,
// with a Restore button for its owner. Anyone else (and a document not in the trash) sees `fallback`,
// the usual "doesn't exist or you don't have access": the server tells strangers nothing more.
"use client";
import { useEffect, useState, type ReactNode } from "react";
import type { TrashEntryResponse } from "@/lib/contracts/trash";
import { trashApi } from "@/lib/trashApi";
import { daysLeft } from "@/lib/trash";
import { plainError } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Skeleton } from "@/components/ui/Skeleton";

type State = { kind: "asking" } | { kind: "trashed"; entry: TrashEntryResponse } | { kind: "not-trashed" };

export function TrashedDocumentNotice({ id, fallback, onRestored }: { id: string; fallback: ReactNode; onRestored: () => void }) {
  const [state, setState] = useState<State>({ kind: "asking" });
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    trashApi.entry(id).then(
      (entry) => live && setState({ kind: "trashed", entry }),
      () => live && setState({ kind: "not-trashed" }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (state.kind === "asking") return <Skeleton className="h-40 w-full" />;
  if (state.kind === "not-trashed") return <>{fallback}</>;
  const { document: doc, canRestore } = state.entry;
  const left = daysLeft(doc.purgeAt);

  async function restore() {
    setRestoring(true);
    setError(null);
    try {
      await trashApi.restore(id);
      onRestored();
    } catch (e) {
      setError(plainError(e));
      setRestoring(false);
    }
  }

  return (
    <div data-testid="document-in-trash" className="rounded-lg border border-zinc-200 bg-white px-6 py-12 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">This document is in the trash</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        “{doc.title}” was deleted <RelativeTime iso={doc.deletedAt} />
        {doc.deletedByName ? ` by ${canRestore ? "you" : doc.deletedByName}` : ""}.{" "}
        {canRestore
          ? `You can restore it for everyone it was shared with; it is deleted for good in ${left} ${left === 1 ? "day" : "days"}.`
          : `Only its owner, ${doc.ownerName}, can restore it.`}
      </p>
      {error && <Alert className="mx-auto mt-4 max-w-md text-left">{error}</Alert>}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {canRestore && (
          <Button variant="primary" busy={restoring} busyLabel="Restoring…" onClick={() => void restore()}>
            Restore
          </Button>
        )}
        <ButtonLink href={canRestore ? "/trash" : "/dashboard"}>{canRestore ? "Open the Trash" : "Go to your documents"}</ButtonLink>
      </div>
    </div>
  );
}
