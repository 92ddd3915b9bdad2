// "New document": a title and Enter. An empty title is fine; the server calls it "Untitled".
"use client";
import { useState, type FormEvent } from "react";
import type { DocumentSummary } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";

export function CreateDocumentForm({ onCreate }: { onCreate: (title: string) => Promise<DocumentSummary> }) {
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const trimmed = title.trim();
      await onCreate(trimmed === "" ? "Untitled" : trimmed);
      setTitle("");
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Create a document" className="w-full sm:w-auto">
      <div className="flex gap-2">
        <label htmlFor="new-document-title" className="sr-only">
          New document title
        </label>
        <input
          id="new-document-title"
          data-testid="new-document-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Title of a new document"
          maxLength={200}
          autoComplete="off"
          className={`${inputClass} sm:w-64`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-document-error" : undefined}
        />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Creating…" className="shrink-0">
          New document
        </Button>
      </div>
      {error && (
        <p id="new-document-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
