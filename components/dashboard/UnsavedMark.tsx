// "N changes only on this device": the document has edits in this browser's IndexedDB copy that the
// server has not acknowledged as stored (counted by the editor in localStorage, lib/collab/unsavedRecord.ts).
// Read after mount (the server render cannot know) and again when another tab changes the count.
"use client";
import { useEffect, useState } from "react";
import { changesText } from "@/lib/collab/saveStatus";
import { readUnsaved } from "@/lib/collab/unsavedRecord";

export function UnsavedMark({ documentId }: { documentId: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const read = () => setCount(readUnsaved(documentId));
    read();
    window.addEventListener("storage", read);
    return () => window.removeEventListener("storage", read);
  }, [documentId]);
  if (count === 0) return null;
  return (
    <>
      <span aria-hidden="true">·</span>
      <span
        data-testid="document-unsaved"
        title="Open the document while online to save them."
        className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300"
      >
        {changesText(count)} only on this device
      </span>
    </>
  );
}
