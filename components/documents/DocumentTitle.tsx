// The document's title as a heading; owners and editors can rename it in place.
"use client";
import { useState, type FormEvent } from "react";
import { formErrors } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";

type Props = { title: string; canRename: boolean; onRename: (title: string) => Promise<void> };

export function DocumentTitle({ title, canRename, onRename }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function cancel() {
    setDraft(null);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    const trimmed = draft.trim();
    if (trimmed === title) return cancel();
    if (!trimmed) return setError("Enter a title.");
    setBusy(true);
    setError(null);
    try {
      await onRename(trimmed);
      setDraft(null);
    } catch (e) {
      const shown = formErrors(e, ["title"] as const);
      setError(shown.fields.title ?? shown.form);
    } finally {
      setBusy(false);
    }
  }

  if (draft !== null) {
    return (
      <form onSubmit={submit} aria-label="Rename document" className="min-w-0 flex-1">
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            // biome-ignore lint/a11y/noAutofocus: shown when the user just asked to rename: the field they opened takes the keys
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") cancel();
            }}
            onFocus={(e) => e.currentTarget.select()}
            aria-label="Document title"
            maxLength={200}
            autoComplete="off"
            className={`${inputClass} text-lg font-semibold`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "rename-error" : undefined}
          />
          <div className="flex gap-2">
            <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
              Save
            </Button>
            <Button onClick={cancel}>Cancel</Button>
          </div>
        </div>
        {error && (
          <p id="rename-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </form>
    );
  }

  return (
    <div className="flex min-w-0 flex-1 items-start gap-2">
      <h1 data-testid="document-title" className="min-w-0 text-2xl font-bold tracking-tight break-words">
        {title}
      </h1>
      {canRename && (
        <Button size="sm" variant="ghost" onClick={() => setDraft(title)} aria-label="Rename document" title="Rename document">
          <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4" aria-hidden="true">
            <path d="M13.586 3.586a2 2 0 1 1 2.828 2.828l-.793.793-2.828-2.828.793-.793ZM11.379 5.793 3 14.172V17h2.828l8.38-8.379-2.83-2.828Z" />
          </svg>
        </Button>
      )}
    </div>
  );
}
