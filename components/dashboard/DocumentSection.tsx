// A titled list of documents with its loading, empty and "nothing matches" states.
"use client";
import { useId, type ReactNode } from "react";
import type { DocumentSummary } from "@/lib/api";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { EmptyState } from "@/components/ui/EmptyState";
import { DocumentRow } from "./DocumentRow";

type Props = {
  title: string;
  testId: string;
  documents: DocumentSummary[] | null; // null while loading
  filtering: boolean;
  empty: ReactNode;
  onRename: (id: string, title: string) => Promise<unknown>;
  onAskDelete: (doc: DocumentSummary) => void;
  /** Favourites: whether a document is starred, and the star's toggle. */
  isStarred?: (id: string) => boolean;
  onToggleStar?: (id: string, starred: boolean) => void;
};

export function DocumentSection({ title, testId, documents, filtering, empty, onRename, onAskDelete, isStarred, onToggleStar }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="mb-2 flex items-baseline gap-2 text-sm font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {title}
        {documents && documents.length > 0 && <span className="font-normal normal-case">({documents.length})</span>}
      </h2>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {documents === null ? (
          <SkeletonRows rows={2} label={`Loading ${title.toLowerCase()}`} />
        ) : documents.length === 0 ? (
          filtering ? (
            <EmptyState title="No titles match your filter." />
          ) : (
            empty
          )
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {documents.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} onRename={onRename} onAskDelete={onAskDelete} starred={isStarred?.(doc.id)} onToggleStar={onToggleStar} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
