// A dot and a word for the live connection; offline edits are kept and sent when it comes back.
// "signed-out" and "closed": the server ended the session for good, so it never says "Reconnecting…".
import type { ConnectionState } from "./useCollabSession";

export type ShownConnection = ConnectionState | "signed-out" | "closed";

const looks: Record<ShownConnection, { dot: string; label: string; title: string }> = {
  connected: { dot: "bg-emerald-500", label: "Connected", title: "Changes are saved and shared live." },
  connecting: { dot: "bg-zinc-400 animate-pulse", label: "Connecting…", title: "Opening the document." },
  reconnecting: {
    dot: "bg-amber-500 animate-pulse",
    label: "Reconnecting…",
    title: "Your changes are kept on this device and sent when the connection returns.",
  },
  offline: {
    dot: "bg-red-500",
    label: "Offline",
    title: "You are offline. Your changes are kept on this device and sent when you are back online.",
  },
  "signed-out": { dot: "bg-zinc-400", label: "Signed out", title: "Sign in again to keep editing." },
  closed: { dot: "bg-zinc-400", label: "Not connected", title: "This document is no longer available to you." },
};

export function ConnectionIndicator({ state }: { state: ShownConnection }) {
  const look = looks[state];
  return (
    <span
      data-testid="connection-state"
      data-state={state}
      title={look.title}
      role="status"
      className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
