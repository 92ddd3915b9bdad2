// Calls `refresh` whenever the caller's tree may have changed: the server's "pages:changed" (a page
// created, moved, re-shared or stopped inheriting), a document appearing in or leaving their list,
// and every reconnect (events missed while offline). Bursts of events become one refresh.
"use client";
import { useEffect, useRef } from "react";
import { useOnConnect, useRealtimeEvent } from "@/lib/realtime/hooks";

const SETTLE_MS = 80;

export function usePagesChanged(refresh: () => void): void {
  const latest = useRef(refresh);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = refresh;
  });
  const soon = useRef(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), SETTLE_MS);
  }).current;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  useRealtimeEvent("doc:upsert", soon);
  useRealtimeEvent("doc:removed", soon);
  useRealtimeEvent("doc:updated", soon);
  useRealtimeEvent("pages:changed", soon);
  useOnConnect(soon);
}
