// The members of one document, loaded when the share dialog opens, changed through the API.
"use client";
import { useCallback, useEffect, useState } from "react";
import { api, type Member } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";

export type MembersState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; members: Member[] };

export function useMembers(documentId: string, active: boolean) {
  const [state, setState] = useState<MembersState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      setState({ status: "ready", members: await api.listMembers(documentId) });
    } catch (e) {
      setState({ status: "error", message: plainError(e) });
    }
  }, [documentId]);

  useEffect(() => {
    if (!active) return;
    setState({ status: "loading" });
    void reload();
  }, [active, reload]);

  const update = useCallback(
    (fn: (members: Member[]) => Member[]) => setState((s) => (s.status === "ready" ? { status: "ready", members: fn(s.members) } : s)),
    [],
  );

  const add = useCallback(
    async (email: string, role: "editor" | "viewer") => {
      const added = await api.addMember(documentId, email, role);
      // An email without an account was invited instead: the invitations list shows it.
      if (!("invitation" in added)) update((ms) => [...ms.filter((m) => m.userId !== added.userId), added]);
      return added;
    },
    [documentId, update],
  );

  const changeRole = useCallback(
    async (userId: string, role: "editor" | "viewer") => {
      const member = await api.changeRole(documentId, userId, role);
      update((ms) => ms.map((m) => (m.userId === userId ? member : m)));
    },
    [documentId, update],
  );

  const remove = useCallback(
    async (userId: string) => {
      await api.removeMember(documentId, userId);
      update((ms) => ms.filter((m) => m.userId !== userId));
    },
    [documentId, update],
  );

  return { state, reload, add, changeRole, remove };
}
