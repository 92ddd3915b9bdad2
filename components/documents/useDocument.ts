// One document's metadata (title, owner, your role) for the document page. With no network, a
// document opened on this device before comes back as it was then (its text is in IndexedDB), and
// is asked for again when the connection returns.
"use client";
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, type DocumentSummary } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { useDocumentRoom, useRealtimeEvent } from "@/lib/realtime/hooks";
import { ServerEventSchemas } from "@/lib/realtime/events";
import { forgetDocument, offlineDocument, rememberDocument } from "@/lib/offline/offlineRecord";
import { keepPages } from "@/lib/offline/shellCache";

/** `offline`: the copy this device remembered, shown because the server could not be reached. */
export type DocumentState =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; doc: DocumentSummary; offline?: boolean };

export function useDocument(id: string) {
  const [state, setState] = useState<DocumentState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      const doc = await api.getDocument(id);
      rememberDocument(doc); // its state goes into IndexedDB as the editor opens: available offline from now on
      keepPages([`/documents/${id}`]);
      setState({ status: "ready", doc });
    } catch (e) {
      const remembered = e instanceof ApiError && e.code === "network" ? offlineDocument(id) : null;
      if (remembered) {
        const { openedAt: _, ...doc } = remembered;
        return setState({ status: "ready", doc, offline: true });
      }
      // 404 covers both "deleted" and "not yours": the server never says which.
      if (e instanceof ApiError && e.status === 404) {
        forgetDocument(id);
        setState({ status: "not-found" });
      } else setState({ status: "error", message: plainError(e) });
    }
  }, [id]);

  // Opened from the remembered copy: confirm with the server once the network is back.
  const offline = state.status === "ready" && state.offline === true;
  useEffect(() => {
    if (!offline) return;
    const retry = () => void reload();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [offline, reload]);

  useEffect(() => {
    setState({ status: "loading" });
    void reload();
  }, [reload]);

  // A rename by anyone (another tab, a collaborator) reaches the document's room: heading and tab follow.
  useDocumentRoom(id);
  useRealtimeEvent("doc:updated", (payload) => {
    const parsed = ServerEventSchemas["doc:updated"].safeParse(payload);
    if (!parsed.success || parsed.data.documentId !== id) return;
    const { title, updatedAt } = parsed.data;
    setState((s) => (s.status === "ready" ? { status: "ready", doc: { ...s.doc, title, updatedAt } } : s));
  });

  const rename = useCallback(
    async (title: string) => {
      const doc = await api.renameDocument(id, title);
      rememberDocument(doc);
      setState({ status: "ready", doc });
    },
    [id],
  );

  return { state, reload, rename };
}
