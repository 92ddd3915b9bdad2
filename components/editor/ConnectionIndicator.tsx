// The editor's one status line: whether the user's changes are stored (lib/collab/saveStatus.ts).
// "Saved" only once the server acknowledged every change as on its disk; offline, the count of
// changes kept in this browser. `data-state` still names the live connection (tests, styles);
// "signed-out" and "closed": the server ended the session for good, so it never says "Reconnecting…".
// Over the HTTP transport (WebSockets blocked) it adds "Connected (compatibility mode)".
"use client";
import { useSyncExternalStore } from "react";
import { saveStatus, saveStatusText, type SaveProblem, type SaveStatus } from "@/lib/collab/saveStatus";
import type { CollabSession, ConnectionState } from "./useCollabSession";

export type ShownConnection = ConnectionState | "signed-out" | "closed";

const dots: Record<SaveStatus["kind"], string> = {
  saved: "bg-emerald-500",
  saving: "bg-sky-500 animate-pulse",
  offline: "bg-amber-500",
  "read-only": "bg-zinc-400",
  "cant-save": "bg-red-500",
};

/** Endings of the whole session, in the status line's words. */
function endedProblem(state: ShownConnection): SaveProblem | null {
  switch (state) {
    case "signed-out":
      return { why: "you are signed out", next: "sign in again; your changes stay in this browser until then" };
    case "closed":
      return { why: "your access to this document ended", next: "copy anything you still need before you leave this page" };
    default:
      return null;
  }
}

const noSession = { subscribe: () => () => {}, snapshot: () => ({ unsaved: 0, problem: null }) };

type IndicatorProps = {
  state: ShownConnection;
  session?: CollabSession;
  locked?: boolean;
  /** Connected over the HTTP transport because WebSockets are blocked on the way to the server. */
  compat?: boolean;
};

/** Shown beside the status while the HTTP transport carries the session. */
export const COMPAT_TEXT = "Connected (compatibility mode)";

export function ConnectionIndicator({ state, session, locked = false, compat = false }: IndicatorProps) {
  const saving = session?.saving ?? noSession;
  const { unsaved, problem } = useSyncExternalStore(saving.subscribe, saving.snapshot, saving.snapshot);
  const link = state === "signed-out" || state === "closed" ? "connected" : state;
  const status = saveStatus({ link, unsaved, readOnly: locked, problem: endedProblem(state) ?? problem });
  const { label, detail } = saveStatusText(status);
  return (
    <span
      data-testid="connection-state"
      data-state={state}
      title={detail}
      role="status"
      className="inline-flex min-w-0 flex-wrap items-center gap-x-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${dots[status.kind]}`} />
      <span
        data-testid="save-status"
        data-status={status.kind}
        data-unsaved={unsaved}
        className={status.kind === "cant-save" ? "text-red-700 dark:text-red-400" : undefined}
      >
        {label}
      </span>
      {compat && state === "connected" && (
        <span
          data-testid="transport-compat"
          title="Your network does not allow live connections (WebSockets), so the editor uses a slower way that works everywhere."
          className="whitespace-nowrap text-zinc-500 dark:text-zinc-400"
        >
          · {COMPAT_TEXT}
        </span>
      )}
    </span>
  );
}
