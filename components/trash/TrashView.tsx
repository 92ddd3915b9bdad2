// The Trash page: the caller's deleted documents, how long each has left, Restore and Delete forever.
// Sub-pages that went to the trash with their page are listed under it (restoring the page brings them back).
"use client";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import type { TrashedDocument } from "@/lib/contracts/trash";
import { daysLeft, TRASH_RETENTION_DAYS } from "@/lib/trash";
import { plainError } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { useAsk } from "@/components/ui/AskDialog";
import { trashGroups, useTrash } from "./useTrash";

export function TrashView() {
  const trash = useTrash();
  const { state } = trash;
  const [problem, setProblem] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ id: string; title: string } | null>(null);

  const groups = state.status === "ready" ? trashGroups(state.documents) : undefined;
  // A page and, nested under it, the sub-pages that went to the trash with it.
  const renderRow = (doc: TrashedDocument, withTitle?: string): ReactNode => (
    <TrashRow
      key={doc.id}
      doc={doc}
      withTitle={withTitle}
      onRestore={async () => {
        setProblem(null);
        try {
          await trash.restore(doc.id);
          setRestored({ id: doc.id, title: doc.title });
        } catch (e) {
          setProblem(plainError(e));
        }
      }}
      onDeleteForever={async () => {
        setProblem(null);
        try {
          await trash.deleteForever(doc.id);
        } catch (e) {
          setProblem(plainError(e));
        }
      }}
    >
      {(groups?.children.get(doc.id) ?? []).map((child) => renderRow(child, doc.title))}
    </TrashRow>
  );

  return (
    <div className="space-y-6">
      <Link
        href="/dashboard"
        className="inline-flex items-center gap-1 rounded text-sm text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <span aria-hidden="true">←</span> All documents
      </Link>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Trash</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Documents you deleted stay here for {TRASH_RETENTION_DAYS} days, with their people, comments and history. Restore one to give everyone it was shared
          with their access back.
        </p>
      </div>
      {problem && <Alert>{problem}</Alert>}
      {restored && (
        <Alert
          tone="success"
          action={
            <ButtonLink size="sm" href={`/documents/${encodeURIComponent(restored.id)}`}>
              Open
            </ButtonLink>
          }
        >
          Restored “{restored.title}”.
        </Alert>
      )}
      {state.status === "error" ? (
        <Alert
          action={
            <Button size="sm" onClick={() => void trash.reload()}>
              Try again
            </Button>
          }
        >
          We could not load your trash. {state.message}
        </Alert>
      ) : (
        <section
          aria-label="Deleted documents"
          data-testid="trash-list"
          className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          {state.status === "loading" ? (
            <SkeletonRows rows={2} label="Loading the trash" />
          ) : state.documents.length === 0 ? (
            <EmptyState title="The trash is empty.">Documents you delete show up here until they are deleted for good.</EmptyState>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">{(groups?.roots ?? []).map((doc) => renderRow(doc))}</ul>
          )}
        </section>
      )}
    </div>
  );
}

type RowProps = {
  doc: TrashedDocument;
  /** The page it went to the trash with (listed above it), which brings it back when restored. */
  withTitle?: string;
  onRestore: () => Promise<void>;
  onDeleteForever: () => Promise<void>;
  /** The rows of the sub-pages that went with it. */
  children?: ReactNode;
};

function TrashRow({ doc, withTitle, onRestore, onDeleteForever, children }: RowProps) {
  const ask = useAsk();
  const [busy, setBusy] = useState<"restore" | "delete" | null>(null);
  const left = daysLeft(doc.purgeAt);
  const run = async (which: "restore" | "delete", action: () => Promise<void>) => {
    setBusy(which);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  return (
    <li data-testid="trash-row" data-document-id={doc.id} data-trashed-with={doc.trashedWithId ?? undefined}>
      <div className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">{doc.title}</p>
          <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
            Deleted <RelativeTime iso={doc.deletedAt} /> ·{" "}
            <span data-testid="days-left" className={left <= 3 ? "font-medium text-red-600 dark:text-red-400" : undefined}>
              {left === 0 ? "deleted for good within the hour" : `${left} ${left === 1 ? "day" : "days"} left`}
            </span>
          </p>
          {withTitle !== undefined && (
            <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
              Comes back with “{withTitle || "Untitled"}”, or restore it on its own to the top level.
            </p>
          )}
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="sm" busy={busy === "restore"} busyLabel="Restoring…" disabled={busy !== null} onClick={() => void run("restore", onRestore)}>
            Restore
          </Button>
          <Button
            size="sm"
            variant="dangerGhost"
            disabled={busy !== null}
            busy={busy === "delete"}
            busyLabel="Deleting…"
            onClick={async () => {
              const ok = await ask.confirm({
                title: "Delete forever?",
                message: (
                  <>
                    <strong className="font-medium">{doc.title}</strong>, its comments and its history will be gone for everyone. This cannot be undone.
                  </>
                ),
                confirmLabel: "Delete forever",
                danger: true,
              });
              if (ok) await run("delete", onDeleteForever);
            }}
          >
            Delete forever
          </Button>
        </div>
      </div>
      {Array.isArray(children) && children.length > 0 && (
        <ul
          aria-label={`Sub-pages of ${doc.title || "Untitled"}`}
          className="ml-6 divide-y divide-zinc-200 border-t border-l border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {children}
        </ul>
      )}
    </li>
  );
}
