// A compact dashboard section of documents (Favourites, Recently opened): cards that link to the
// document, with its owner and a star. Hidden while loading, a sentence when empty.
"use client";
import Link from "next/link";
import { useId } from "react";
import type { DocumentSummary } from "@/lib/api";
import { StarButton } from "./StarButton";

type Props = {
  title: string;
  testId: string;
  documents: DocumentSummary[];
  empty: string;
  isStarred: (id: string) => boolean;
  onToggleStar: (id: string, starred: boolean) => void;
};

export function ShortcutSection({ title, testId, documents, empty, isStarred, onToggleStar }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {title}
      </h2>
      {documents.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {documents.map((doc) => {
            const starred = isStarred(doc.id);
            return (
              <li
                key={doc.id}
                data-testid="shortcut"
                data-document-id={doc.id}
                className="flex min-w-0 items-center gap-1 rounded-lg border border-zinc-200 bg-white py-1 pr-1 pl-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
              >
                <div className="min-w-0 flex-1 py-1">
                  <Link
                    href={`/documents/${doc.id}`}
                    className="block truncate text-sm font-medium text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
                  >
                    {doc.title}
                  </Link>
                  <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{doc.role === "owner" ? "You own this" : `Owned by ${doc.ownerName}`}</p>
                </div>
                <StarButton title={doc.title} starred={starred} onToggle={() => onToggleStar(doc.id, starred)} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
