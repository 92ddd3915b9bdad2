// A small "reconnecting…" note while the live stream is down; silent (but present) otherwise.
"use client";
import type { ConnectionStatus } from "@/lib/announcements/state";

export function EventsStatus({ status }: { status: ConnectionStatus }) {
  const down = status === "reconnecting";
  return (
    <div
      data-testid="events-status"
      data-state={status}
      role="status"
      aria-live="polite"
      className={
        down
          ? "pointer-events-auto self-start rounded-full border border-zinc-300 bg-white px-3 py-1 text-xs text-zinc-700 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
          : "sr-only"
      }
    >
      {down ? "Reconnecting…" : status === "open" ? "Live updates on" : "Connecting…"}
    </div>
  );
}
