// Settings: every document you can see as one archive (.tar of Markdown files plus documents.json),
// with progress while the server writes it: the document count comes first, the bytes as they arrive.
"use client";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ARCHIVE_COUNT_HEADER } from "@/lib/contracts/importExport";

type State =
  | { status: "idle" }
  | { status: "working"; received: number; documents: number | null }
  | { status: "done"; documents: number }
  | { status: "failed"; reason: string };

function fileNameOf(disposition: string | null): string {
  const exact = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? "")?.[1];
  return exact ? decodeURIComponent(exact) : "Tandem export.tar";
}

export function WorkspaceExport() {
  const [state, setState] = useState<State>({ status: "idle" });

  async function run() {
    setState({ status: "working", received: 0, documents: null });
    try {
      const res = await fetch("/api/export", { credentials: "same-origin", cache: "no-store" });
      if (!res.ok || !res.body)
        throw new Error(res.status === 401 ? "Your session ended. Sign in again, then retry." : "The export could not be made. Try again in a moment.");
      const documents = Number(res.headers.get(ARCHIVE_COUNT_HEADER) ?? 0);
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setState({ status: "working", received, documents });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "application/x-tar" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(res.headers.get("content-disposition"));
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ status: "done", documents });
    } catch (error) {
      setState({
        status: "failed",
        reason: error instanceof Error && error.message ? error.message : "The export was interrupted. Check your connection and try again.",
      });
    }
  }

  return (
    <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
      <h2 id="export-heading" className="text-lg font-semibold">
        Export your documents
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        One archive (.tar) with every document you can see as a Markdown file, and a documents.json list. Documents in the trash are left out.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void run()} disabled={state.status === "working"} data-testid="workspace-export">
          {state.status === "working" ? "Preparing…" : "Download archive"}
        </Button>
        <p aria-live="polite" className="text-sm" data-testid="workspace-export-status">
          {state.status === "working" &&
            `${state.documents === null ? "Asking the server…" : `${state.documents} ${state.documents === 1 ? "document" : "documents"}`} · ${(state.received / 1024).toFixed(0)} KB received`}
          {state.status === "done" && (
            <span className="text-emerald-700 dark:text-emerald-400">
              Done: {state.documents} {state.documents === 1 ? "document" : "documents"} saved.
            </span>
          )}
          {state.status === "failed" && <span className="text-red-700 dark:text-red-400">{state.reason}</span>}
        </p>
      </div>
    </section>
  );
}
