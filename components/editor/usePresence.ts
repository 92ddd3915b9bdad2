// The people in the document for the editor's avatar stack: the one presence hook's answer (the same
// people as the dashboard's "open now", lib/realtime/usePresence.ts), each in their caret colour, you first.
"use client";
import { useMemo } from "react";
import { userColor } from "@/lib/collab/userColor";
import { usePresence as useDocumentPresence } from "@/lib/realtime/usePresence";

export type PresentUser = { id: string; name: string; color: string; isSelf: boolean };

export function usePresence(documentId: string, selfId: string): PresentUser[] {
  const users = useDocumentPresence(documentId);
  return useMemo(
    () =>
      users
        .map((u) => ({ id: u.id, name: u.name.slice(0, 80), color: userColor(u.id), isSelf: u.id === selfId }))
        .sort((a, b) => Number(b.isSelf) - Number(a.isSelf)),
    [users, selfId],
  );
}
