// "I have read this": the only way to clear an announcement that asks for confirmation.
"use client";
import { useState } from "react";

export function AckButton({ title, onAcknowledge }: { title: string; onAcknowledge: () => Promise<boolean> }) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  return (
    <span className="flex shrink-0 flex-col items-end gap-1">
      <button
        type="button"
        data-testid="announcement-ack"
        aria-label={`I have read “${title}”`}
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy");
          setState((await onAcknowledge()) ? "idle" : "failed");
        }}
        className="rounded-md border border-current px-2.5 py-1 text-xs font-semibold hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:hover:bg-white/10"
      >
        {state === "busy" ? "Saving…" : "I have read this"}
      </button>
      {state === "failed" && (
        <span role="alert" className="text-xs">
          Could not save. Try again.
        </span>
      )}
    </span>
  );
}
