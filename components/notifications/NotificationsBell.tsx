// The bell in the header: unread count, an inbox panel, and a short toast when something new arrives.
// Also shows, quietly, when live updates are degraded (long-polling) or offline.
"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { InToastRegion } from "@/components/ui/ToastRegion";
import { useRealtimeState } from "@/lib/realtime/hooks";
import type { NotificationView } from "@/lib/realtime/events";
import { useNotifications } from "./useNotifications";

const TOAST_MS = 6_000;

const connectionNote = {
  connecting: null,
  connected: null,
  degraded: "Live updates are on a slower fallback connection.",
  offline: "Live updates paused: reconnecting…",
  refused: "Live updates are off. Sign in again to turn them back on.",
} as const;

export function NotificationsBell() {
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<NotificationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { inbox, markRead } = useNotifications(
    (n) => {
      setToasts((t) => [...t.filter((x) => x.id !== n.id), n].slice(-3));
      setTimeout(() => setToasts((t) => t.filter((x) => x.id !== n.id)), TOAST_MS);
    },
    // A toast about a document we just lost would lead to the "no access" page: take it down too.
    (gone) => setToasts((t) => t.filter((x) => !gone.has(x.id))),
  );
  const connection = useRealtimeState();
  const note = connectionNote[connection.status];
  const panel = useRef<HTMLDivElement>(null);

  // Close on Escape or a click outside, like any popover.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => panel.current && !panel.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  async function read(target: { ids: string[] } | { all: true }) {
    setError(await markRead(target));
  }

  const label = inbox.unread > 0 ? `Notifications, ${inbox.unread} unread` : "Notifications";
  return (
    <div ref={panel} className="relative" data-testid="notifications-bell">
      <button
        type="button"
        aria-label={label}
        aria-expanded={open}
        title={note ?? label}
        onClick={() => setOpen((v) => !v)}
        className="relative inline-flex h-9 w-9 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <BellIcon />
        {inbox.unread > 0 && (
          <span
            data-testid="notifications-unread"
            className="absolute -right-0.5 -top-0.5 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white"
          >
            {inbox.unread > 99 ? "99+" : inbox.unread}
          </span>
        )}
        {note && <span aria-hidden="true" className="absolute bottom-1 right-1 h-2 w-2 rounded-full bg-amber-500" />}
      </button>

      {open && (
        <div
          role="dialog"
          aria-label="Notifications"
          className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {inbox.unread > 0 && (
              <Button size="sm" variant="ghost" onClick={() => void read({ all: true })}>
                Mark all read
              </Button>
            )}
          </div>
          {note && <p className="border-b border-zinc-200 px-3 py-2 text-xs text-amber-700 dark:border-zinc-800 dark:text-amber-400">{note}</p>}
          {(error ?? (inbox.status === "error" ? inbox.error : null)) && (
            <p role="alert" className="px-3 py-2 text-sm text-red-600 dark:text-red-400">
              {error ?? inbox.error}
            </p>
          )}
          {inbox.status === "ready" && inbox.notifications.length === 0 && (
            <p className="px-3 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">Nothing here yet.</p>
          )}
          <ul className="max-h-96 overflow-y-auto">
            {inbox.notifications.map((n) => (
              <li key={n.id} data-testid="notification-item" className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                <NotificationLink
                  notification={n}
                  onOpen={() => {
                    if (!n.read) void read({ ids: [n.id] });
                    setOpen(false);
                  }}
                />
              </li>
            ))}
          </ul>
        </div>
      )}

      {/* Out of the header: see ToastRegion for why. */}
      <InToastRegion>
        <div aria-live="polite" className="flex flex-col gap-2">
          {toasts.map((n) => (
            <div
              key={n.id}
              role="status"
              data-testid="notification-toast"
              className="pointer-events-auto w-full rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
            >
              <NotificationLink notification={n} onOpen={() => setToasts((t) => t.filter((x) => x.id !== n.id))} />
            </div>
          ))}
        </div>
      </InToastRegion>
    </div>
  );
}

function NotificationLink({ notification: n, onOpen }: { notification: NotificationView; onOpen: () => void }) {
  const body = (
    <>
      <span className="flex items-start gap-2">
        {!n.read && <span role="img" aria-label="unread" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-indigo-500" />}
        <span className={n.read ? "text-zinc-600 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100"}>{n.text}</span>
      </span>
      <RelativeTime iso={n.createdAt} className="ml-4 block text-xs text-zinc-500 dark:text-zinc-400" />
    </>
  );
  const className = "block px-3 py-2 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60";
  return n.link ? (
    <Link href={n.link} onClick={onOpen} className={className}>
      {body}
    </Link>
  ) : (
    <button type="button" onClick={onOpen} className={`${className} w-full text-left`}>
      {body}
    </button>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
      <path
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0"
      />
    </svg>
  );
}
