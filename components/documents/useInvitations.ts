// The pending invitations of a document, for its owner's share dialog: loaded when it opens,
// resent or cancelled through the API.
"use client";
import { useCallback, useEffect, useState } from "react";
import { invitationsApi, type InvitationCreated, type PendingInvitation } from "@/lib/invitationsApi";
import { plainError } from "@/lib/apiErrors";

export type InvitationsState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; invitations: PendingInvitation[] };

export function useInvitations(documentId: string, active: boolean) {
  const [state, setState] = useState<InvitationsState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      setState({ status: "ready", invitations: await invitationsApi.list(documentId) });
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
    (fn: (list: PendingInvitation[]) => PendingInvitation[]) =>
      setState((s) => (s.status === "ready" ? { status: "ready", invitations: fn(s.invitations) } : s)),
    [],
  );

  /** A new invitation made through the "share with" form. */
  const added = useCallback((invitation: PendingInvitation) => update((list) => [...list.filter((i) => i.id !== invitation.id), invitation]), [update]);

  const resend = useCallback(
    async (id: string): Promise<InvitationCreated> => {
      const sent = await invitationsApi.resend(documentId, id);
      update((list) => list.map((i) => (i.id === id ? sent.invitation : i)));
      return sent;
    },
    [documentId, update],
  );

  const cancel = useCallback(
    async (id: string) => {
      await invitationsApi.cancel(documentId, id);
      update((list) => list.filter((i) => i.id !== id));
    },
    [documentId, update],
  );

  return { state, reload, added, resend, cancel };
}
