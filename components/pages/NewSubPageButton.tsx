// "New sub-page" on the document page, beside the breadcrumbs (away from the editor's toolbar): an
// untitled page under this one, opened at once. A failure is said right under the button.
"use client";
import { useState } from "react";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { usePagesContext } from "./pagesContext";
import { useCreatePage } from "./useCreatePage";

export function NewSubPageButton({ parentId, disabled }: { parentId: string; disabled?: boolean }) {
  const tree = usePagesContext();
  const create = useCreatePage(tree ? () => void tree.reload() : undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      await create(parentId);
    } catch (e) {
      setError(`The sub-page was not created. ${plainError(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="relative ml-auto shrink-0">
      <Button size="sm" variant="ghost" onClick={() => void run()} busy={busy} busyLabel="Creating…" disabled={disabled} data-testid="new-sub-page">
        <span aria-hidden="true">+</span> New sub-page
      </Button>
      {error && (
        <p
          role="alert"
          className="absolute right-0 top-full z-10 mt-1 w-64 rounded-md border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
    </div>
  );
}
