// One document's metadata (title, owner, your role) for the document page.
"use client";
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, type DocumentSummary } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { useDocumentRoom, useRealtimeEvent } from "@/lib/realtime/hooks";
import { ServerEventSchemas } from "@/lib/realtime/events";

export type DocumentState = { status: "loading" } | { status: "not-found" } | { status: "error"; message: string } | { status: "ready"; doc: DocumentSummary };

export function useDocument(id: string) {
  const [state, setState] = useState<DocumentState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      setState({ status: "ready", doc: await api.getDocument(id) });
    } catch (e) {
      // 404 covers both "deleted" and "not yours": the server never says which.
      if (e instanceof ApiError && e.status === 404) setState({ status: "not-found" });
      else setState({ status: "error", message: plainError(e) });
    }
  }, [id]);

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
      setState({ status: "ready", doc });
    },
    [id],
  );

  return { state, reload, rename };
}
