// The signed-in user's inbox, live: listed on every (re)connect, new ones arrive as notification:new
// (de-duplicated by id: with several server instances the same one may arrive twice), and ones whose
// subject went away leave as notification:removed.
"use client";
import { useCallback, useRef, useState } from "react";
import { realtime } from "@/lib/realtime/client";
import { useOnConnect, useRealtimeEvent } from "@/lib/realtime/hooks";
import { ServerEventSchemas, type NotificationView } from "@/lib/realtime/events";

export type InboxState = {
  status: "loading" | "ready" | "error";
  notifications: NotificationView[];
  unread: number;
  error?: string;
};

const LIST_LIMIT = 30;

export function useNotifications(onNew?: (n: NotificationView) => void, onRemoved?: (ids: Set<string>) => void) {
  const [inbox, setInbox] = useState<InboxState>({ status: "loading", notifications: [], unread: 0 });

  const load = useCallback(async () => {
    const res = await realtime().request("notifications:list", { limit: LIST_LIMIT });
    if (res.ok) for (const n of res.notifications) seen.current.set(n.id, n.createdAt);
    setInbox((s) => (res.ok ? { status: "ready", notifications: res.notifications, unread: res.unread } : { ...s, status: "error", error: res.error.message }));
  }, []);
  useOnConnect(() => void load());

  // Ids (and times) already shown, so a duplicate delivery neither toasts nor counts twice.
  const seen = useRef(new Map<string, string>());

  useRealtimeEvent("notification:new", (n) => {
    if (seen.current.get(n.id) === n.createdAt) return;
    seen.current.set(n.id, n.createdAt);
    setInbox((s) => {
      const previous = s.notifications.find((x) => x.id === n.id);
      // A re-share refreshes the same notification: count it once.
      const unread = s.unread + (n.read ? 0 : 1) - (previous && !previous.read ? 1 : 0);
      return { ...s, notifications: [n, ...s.notifications.filter((x) => x.id !== n.id)].slice(0, LIST_LIMIT), unread: Math.max(0, unread) };
    });
    onNew?.(n);
  });

  // Their subject went away (access removed, document deleted): they leave the list and the count.
  useRealtimeEvent("notification:removed", (payload) => {
    const parsed = ServerEventSchemas["notification:removed"].safeParse(payload);
    if (!parsed.success) return;
    const gone = new Set(parsed.data.ids);
    for (const id of gone) seen.current.delete(id);
    setInbox((s) => ({ ...s, unread: parsed.data.unread, notifications: s.notifications.filter((n) => !gone.has(n.id)) }));
    onRemoved?.(gone);
  });

  const markRead = useCallback(async (target: { ids: string[] } | { all: true }): Promise<string | null> => {
    const res = await realtime().request("notifications:read", target);
    if (!res.ok) return res.error.message;
    setInbox((s) => ({
      ...s,
      unread: res.unread,
      notifications: s.notifications.map((n) => ("all" in target || target.ids.includes(n.id) ? { ...n, read: true } : n)),
    }));
    return null;
  }, []);

  return { inbox, reload: load, markRead };
}
