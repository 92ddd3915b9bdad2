// "Download as…" in the document's header: Markdown, HTML, Word or the editor's JSON, straight from the server
// (plain links with `download`, so the browser saves the file under the name the server gives), and the
// page with its sub-pages as one .zip.
"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { exportUrl, pageArchiveUrl } from "@/lib/exportUrl";
import type { ExportFormat } from "@/lib/contracts/importExport";

const ITEM =
  "flex items-center justify-between rounded px-3 py-2 text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:bg-zinc-800";

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "md", label: "Markdown", hint: ".md" },
  { format: "html", label: "Web page", hint: ".html" },
  { format: "docx", label: "Word document", hint: ".docx" },
  { format: "json", label: "Editor JSON", hint: ".json" },
];

export function DownloadMenu({ documentId, disabled }: { documentId: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <Button variant="ghost" disabled={disabled} aria-expanded={open} aria-haspopup="true" onClick={() => setOpen((o) => !o)} data-testid="download-button">
        Download
      </Button>
      {open && (
        <div
          className="absolute right-0 z-50 mt-1 w-52 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="download-menu"
        >
          <p className="px-3 py-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">Download as…</p>
          {FORMATS.map(({ format, label, hint }) => (
            <a key={format} href={exportUrl(documentId, format)} download onClick={() => setOpen(false)} className={ITEM} data-testid={`download-${format}`}>
              {label}
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>
            </a>
          ))}
          <div className="my-1 border-t border-zinc-200 dark:border-zinc-700" />
          <a href={pageArchiveUrl(documentId)} download onClick={() => setOpen(false)} className={ITEM} data-testid="download-with-sub-pages">
            With sub-pages
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">.zip</span>
          </a>
        </div>
      )}
    </div>
  );
}
