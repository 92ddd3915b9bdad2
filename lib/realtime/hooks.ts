// React hooks over the shared realtime connection.
"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { realtime, reconnectRealtime, type ConnectionState } from "./client";
import type { ServerToClientEvents } from "./events";

const SERVER_STATE: ConnectionState = { status: "connecting" };

/** The connection state, for a status dot ("Live", "Live (slow network)", "Reconnecting…"). */
export function useRealtimeState(): ConnectionState {
  return useSyncExternalStore(
    (listener) => realtime().subscribeState(listener),
    () => realtime().getState(),
    () => SERVER_STATE,
  );
}

/** Calls `handler` for every `event` while mounted; the latest handler is used without re-subscribing. */
export function useRealtimeEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const forward = ((...args: unknown[]) => (latest.current as (...a: unknown[]) => void)(...args)) as ServerToClientEvents[E];
    return realtime().on(event, forward);
  }, [event]);
}

/** Runs `callback` on every (re)connect: state missed while offline must be fetched again. */
export function useOnConnect(callback: () => void): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    const client = realtime();
    const run = () => latest.current();
    if (client.socket.connected) run();
    client.socket.on("connect", run);
    return () => void client.socket.off("connect", run);
  }, []);
}

/** Re-authenticates the shared connection whenever the signed-in user changes (mount once, in the header). */
export function useRealtimeIdentity(userId: string | null): void {
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current === userId) return;
    previous.current = userId;
    reconnectRealtime();
  }, [userId]);
}

/** Keeps the document's room open while mounted (comments, access changes, presence). */
export function useDocumentRoom(documentId: string): void {
  useEffect(() => {
    const room = realtime().joinDocument(documentId);
    return room.leave;
  }, [documentId]);
}
