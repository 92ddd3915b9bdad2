// The dashboard's "Import" button and drop target: Markdown and HTML files become new documents, each
// listed with its progress, a link when it arrived, or why it did not (next to its name).
"use client";
import Link from "next/link";
import { type DragEvent, type ReactNode, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { IMPORT_ACCEPT } from "@/lib/contracts/importExport";
import { type ImportItem, useImport } from "./useImport";

function Status({ item }: { item: ImportItem }) {
  switch (item.state) {
    case "waiting":
      return <span className="text-zinc-500 dark:text-zinc-400">Waiting…</span>;
    case "importing":
      return <span className="text-indigo-700 dark:text-indigo-300">Importing…</span>;
    case "done":
      return (
        <>
          <Link href={`/documents/${item.documentId}`} className="font-medium text-emerald-700 underline dark:text-emerald-400">
            Imported: open “{item.title}”
          </Link>
          {item.note && (
            <span data-testid="import-note" className="block text-amber-800 dark:text-amber-300">
              {item.note}
            </span>
          )}
        </>
      );
    case "failed":
      return <span className="text-red-700 dark:text-red-400">{item.reason}</span>;
    default: {
      const never: never = item;
      return never;
    }
  }
}

/** Wraps the dashboard: files dropped anywhere on it are imported. */
export function ImportDropZone({ children }: { children: (openPicker: () => void) => ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  const { items, start, clear } = useImport();
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  const done = items.length > 0 && items.every((i) => i.state === "done" || i.state === "failed");

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a shortcut; the Import button does the same by keyboard
    <div
      className={`relative rounded-lg ${over ? "outline-2 outline-offset-4 outline-dashed outline-indigo-500" : ""}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void start(Array.from(e.dataTransfer.files));
      }}
      data-testid="import-drop-zone"
    >
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = "";
          if (files.length > 0) void start(files);
        }}
      />
      {over && (
        <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-lg bg-indigo-50/80 text-sm font-medium text-indigo-800 dark:bg-indigo-950/80 dark:text-indigo-200">
          Drop Markdown or HTML files to import them
        </div>
      )}
      {items.length > 0 && (
        <section aria-label="Imports" aria-live="polite" className="mb-6 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid="import-list">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">
              {done
                ? `Imported ${items.filter((i) => i.state === "done").length} of ${items.length} ${items.length === 1 ? "file" : "files"}`
                : `Importing ${items.length} ${items.length === 1 ? "file" : "files"}…`}
            </h2>
            {done && (
              <Button size="sm" variant="ghost" onClick={clear}>
                Clear
              </Button>
            )}
          </div>
          <ul className="space-y-1 text-sm">
            {items.map((item) => (
              <li key={item.key} className="flex flex-col gap-x-3 sm:flex-row" data-testid="import-item" data-state={item.state}>
                <span className="truncate font-mono text-xs leading-5 text-zinc-700 dark:text-zinc-300 sm:w-56">{item.name}</span>
                <Status item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {children(() => input.current?.click())}
    </div>
  );
}

export function ImportButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="secondary" onClick={onClick} data-testid="import-button" title="Import Markdown or HTML files (or drop them on this page)">
      Import
    </Button>
  );
}
