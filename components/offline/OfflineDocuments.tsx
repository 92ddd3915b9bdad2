// The dashboard with no network: the documents this device keeps (opened here before), each of which
// opens and can be edited offline; what is typed is saved when the connection returns.
"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { offlineDocuments, type OfflineDocument } from "@/lib/offline/offlineRecord";
import { EmptyState } from "@/components/ui/EmptyState";
import { RoleBadge } from "@/components/ui/RoleBadge";
import { UnsavedMark } from "@/components/dashboard/UnsavedMark";
import { Button } from "@/components/ui/Button";

export function OfflineDocuments({ userId, onRetry }: { userId: string; onRetry: () => void }) {
  const headingId = useId();
  const [documents, setDocuments] = useState<OfflineDocument[] | null>(null);
  useEffect(() => {
    const read = () => setDocuments(offlineDocuments());
    read();
    window.addEventListener("storage", read);
    return () => window.removeEventListener("storage", read);
  }, []);

  return (
    <section aria-labelledby={headingId} data-testid="offline-documents" className="space-y-3">
      <div
        role="status"
        className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
      >
        <p>You are offline. The documents below were opened on this device: open and edit them, and your changes are saved when you are back online.</p>
        <Button size="sm" variant="secondary" className="shrink-0 self-start whitespace-nowrap sm:self-auto" onClick={onRetry}>
          Try again
        </Button>
      </div>
      <h2 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        Available offline
      </h2>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {documents !== null && documents.length === 0 ? (
          <EmptyState title="No documents on this device yet.">Documents you open while online can be opened here without a connection.</EmptyState>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {(documents ?? []).map((doc) => (
              <li key={doc.id} data-testid="offline-document" data-document-id={doc.id} className="flex items-center gap-4 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/documents/${doc.id}`}
                    className="block truncate font-medium text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
                  >
                    {doc.title}
                  </Link>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                    <span>{doc.ownerId === userId ? "You own this" : `Owned by ${doc.ownerName}`}</span>
                    <UnsavedMark documentId={doc.id} />
                  </p>
                </div>
                <RoleBadge role={doc.role} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
