// Imports files one after the other, each with its own state, so one refused file says why next to
// its name while the others still arrive.
"use client";
import { useCallback, useState } from "react";
import { IMPORT_MAX_FILES } from "@/lib/contracts/importExport";

export type ImportItem = { key: string; name: string } & (
  | { state: "waiting" }
  | { state: "importing" }
  | { state: "done"; documentId: string; title: string /** Pictures of the file that were left out, in words. */; note: string | null }
  | { state: "failed"; reason: string }
);

let next = 0;

export function useImport() {
  const [items, setItems] = useState<ImportItem[]>([]);
  const start = useCallback(async (files: File[]) => {
    const update = (key: string, change: Partial<ImportItem> & Pick<ImportItem, "state">) =>
      setItems((all) => all.map((item) => (item.key === key ? ({ key: item.key, name: item.name, ...change } as ImportItem) : item)));
    const accepted = files.slice(0, IMPORT_MAX_FILES).map((file) => ({ file, key: `import-${next++}` }));
    const refused = files.slice(IMPORT_MAX_FILES).map((file) => ({
      key: `import-${next++}`,
      name: file.name,
      state: "failed" as const,
      reason: `Not imported: at most ${IMPORT_MAX_FILES} files at a time. Import it in a second batch.`,
    }));
    setItems((all) => [...all, ...accepted.map(({ file, key }) => ({ key, name: file.name, state: "waiting" as const })), ...refused]);
    for (const { file, key } of accepted) {
      update(key, { state: "importing" });
      try {
        // Loaded on the first import (the server reads the file; this only sends it).
        const { importFile } = await import("@/lib/importExportApi");
        const { doc, note } = await importFile(file);
        update(key, { state: "done", documentId: doc.id, title: doc.title, note });
      } catch (error) {
        update(key, { state: "failed", reason: error instanceof Error ? error.message : "It could not be imported." });
      }
    }
  }, []);

  const clear = useCallback(() => setItems((all) => all.filter((item) => item.state === "waiting" || item.state === "importing")), []);
  return { items, start, clear };
}
