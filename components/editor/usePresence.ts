// Who is in the document right now, from y-websocket awareness (one entry per person, not per tab).
"use client";
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { isHexColor } from "@/lib/collab/userColor";

export type PresentUser = { id: string; name: string; color: string; isSelf: boolean };

function readPresence(awareness: Awareness, selfId: string): PresentUser[] {
  const byUser = new Map<string, PresentUser>();
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.id !== "string" || typeof user.name !== "string") continue;
    if (byUser.has(user.id)) continue;
    byUser.set(user.id, {
      id: user.id,
      name: user.name.slice(0, 80),
      color: isHexColor(user.color) ? user.color : "#71717a",
      isSelf: user.id === selfId,
    });
  }
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
}

export function usePresence(awareness: Awareness, selfId: string): PresentUser[] {
  const [people, setPeople] = useState<PresentUser[]>(() => readPresence(awareness, selfId));
  useEffect(() => {
    const onChange = () => setPeople(readPresence(awareness, selfId));
    onChange();
    awareness.on("change", onChange);
    return () => awareness.off("change", onChange);
  }, [awareness, selfId]);
  return people;
}
