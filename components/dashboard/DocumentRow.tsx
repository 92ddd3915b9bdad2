// One document in a dashboard list: a link to it, who owns it, your role, when it changed, and
// (when allowed) rename in place and delete.
"use client";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { DocumentSummary } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { RoleBadge } from "@/components/ui/RoleBadge";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { usePresence } from "@/lib/realtime/usePresence";
import { UnsavedMark } from "./UnsavedMark";
import { OfflineMark } from "@/components/offline/OfflineMark";
import { StarButton } from "@/components/shortcuts/StarButton";

type Props = {
  doc: DocumentSummary;
  onRename: (id: string, title: string) => Promise<unknown>;
  onAskDelete: (doc: DocumentSummary) => void;
  /** Undefined while favourites load (no star shown yet). */
  starred?: boolean;
  onToggleStar?: (id: string, starred: boolean) => void;
};

export function DocumentRow({ doc, onRename, onAskDelete, starred, onToggleStar }: Props) {
  const [editing, setEditing] = useState(false);
  const canRename = doc.role === "owner" || doc.role === "editor";
  const isOwner = doc.role === "owner";
  const present = usePresence(doc.id); // the same people as the editor's avatars

  return (
    <li data-testid="document-row" data-document-id={doc.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
      {editing ? (
        <RenameForm doc={doc} onRename={onRename} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="min-w-0 flex-1">
            <Link
              href={`/documents/${doc.id}`}
              data-testid="document-link"
              className="block truncate font-medium text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
            >
              {doc.title}
            </Link>
            <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
              <span>{isOwner ? "You own this" : `Owned by ${doc.ownerName}`}</span>
              <span aria-hidden="true">·</span>
              <span>
                Updated <RelativeTime iso={doc.updatedAt} />
              </span>
              <UnsavedMark documentId={doc.id} />
              <OfflineMark documentId={doc.id} />
              {present.length > 0 && (
                <>
                  <span aria-hidden="true">·</span>
                  <span data-testid="document-presence" className="text-emerald-700 dark:text-emerald-400">
                    Open now: {present.map((u) => u.name).join(", ")}
                  </span>
                </>
              )}
            </p>
          </div>
          <div className="flex items-center gap-2">
            {starred !== undefined && onToggleStar && <StarButton title={doc.title} starred={starred} onToggle={() => onToggleStar(doc.id, starred)} />}
            <RoleBadge role={doc.role} />
            {canRename && (
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
                Rename<span className="sr-only"> {doc.title}</span>
              </Button>
            )}
            {isOwner && (
              <Button size="sm" variant="dangerGhost" onClick={() => onAskDelete(doc)}>
                Delete<span className="sr-only"> {doc.title}</span>
              </Button>
            )}
          </div>
        </>
      )}
    </li>
  );
}

function RenameForm({ doc, onRename, onDone }: { doc: DocumentSummary; onRename: Props["onRename"]; onDone: () => void }) {
  const [title, setTitle] = useState(doc.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.select();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === doc.title) return onDone();
    setBusy(true);
    setError(null);
    try {
      await onRename(doc.id, trimmed);
      onDone();
    } catch (e) {
      setError(plainError(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex-1" aria-label={`Rename ${doc.title}`}>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onDone();
          }}
          aria-label="Document title"
          maxLength={200}
          autoComplete="off"
          className={inputClass}
          aria-invalid={error ? true : undefined}
        />
        <div className="flex gap-2">
          <Button type="submit" size="sm" variant="primary" busy={busy} busyLabel="Saving…" className="h-9">
            Save
          </Button>
          <Button size="sm" onClick={onDone} className="h-9">
            Cancel
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
