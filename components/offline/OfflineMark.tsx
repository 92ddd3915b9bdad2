// "Available offline": this document was opened on this device, so its text is in IndexedDB and it
// opens with no network. Read after mount (the server render cannot know this device).
"use client";
import { useEffect, useState } from "react";
import { offlineDocument } from "@/lib/offline/offlineRecord";

export function OfflineMark({ documentId }: { documentId: string }) {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    const read = () => setKept(offlineDocument(documentId) !== null);
    read();
    window.addEventListener("storage", read);
    return () => window.removeEventListener("storage", read);
  }, [documentId]);
  if (!kept) return null;
  return (
    <>
      <span aria-hidden="true">·</span>
      <span data-testid="document-offline" title="Opened on this device: it opens and can be edited without a connection.">
        Available offline
      </span>
    </>
  );
}
