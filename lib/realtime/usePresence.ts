// Who has a document open right now: the one presence hook, used by the editor's avatars and the
// dashboard's "open now" alike, so both show the same people. The server counts the collaboration
// rooms (server/realtime/presenceReporter.ts); here one store per page is filled by presence:list on
// each (re)connect and kept current by presence:doc, shared by every component that shows it.
"use client";
import { useSyncExternalStore } from "react";
import { realtime } from "./client";
import type { PresenceUser } from "./events";

const NOBODY: PresenceUser[] = [];
let byDocument = new Map<string, PresenceUser[]>();
const listeners = new Set<() => void>();
let stop: (() => void) | null = null;

function publish(next: Map<string, PresenceUser[]>) {
  byDocument = next;
  for (const listener of listeners) listener();
}

function start(): () => void {
  const client = realtime();
  const load = () =>
    void client.request("presence:list", {}).then((res) => {
      if (res.ok) publish(new Map(res.presence.map((p) => [p.documentId, p.users])));
    });
  if (client.socket.connected) load();
  client.socket.on("connect", load);
  const off = client.on("presence:doc", (p) => publish(new Map(byDocument).set(p.documentId, p.users)));
  // No longer ours (removed, left, deleted): its presence:doc stops coming, so forget what we last heard.
  const offRemoved = client.on("doc:removed", ({ documentId }) => {
    if (!byDocument.has(documentId)) return;
    const next = new Map(byDocument);
    next.delete(documentId);
    publish(next);
  });
  return () => {
    client.socket.off("connect", load);
    off();
    offRemoved();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  stop ??= start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop?.();
      stop = null;
    }
  };
}

/** Who has `documentId` open right now, each person once, by name (empty before the first answer). */
export function usePresence(documentId: string): PresenceUser[] {
  return useSyncExternalStore(
    subscribe,
    () => byDocument.get(documentId) ?? NOBODY,
    () => NOBODY,
  );
}
