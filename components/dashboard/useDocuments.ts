// The dashboard's list of documents: loaded once, then kept up to date by the actions below.
// Live updates plug in through `upsert` and `remove` (e.g. from socket.io events), so every
// source of change goes through the same two functions.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, type DocumentSummary, type Role } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";

/** `network`: the server could not be reached (offline), so the page shows what this device keeps instead. */
export type DocumentListState =
  | { status: "loading" }
  | { status: "error"; message: string; network: boolean }
  | { status: "ready"; documents: DocumentSummary[] };

/** A document as events describe it: the role may be missing when only the title or time changed. */
export type DocumentUpsert = Omit<DocumentSummary, "role"> & { role?: Role };

const newestFirst = (a: DocumentSummary, b: DocumentSummary) => b.updatedAt.localeCompare(a.updatedAt);

export function useDocuments() {
  const [state, setState] = useState<DocumentListState>({ status: "loading" });
  const loadId = useRef(0);

  const reload = useCallback(async () => {
    const id = ++loadId.current;
    try {
      const documents = await api.listDocuments();
      if (id === loadId.current) setState({ status: "ready", documents: [...documents].sort(newestFirst) });
    } catch (e) {
      if (id === loadId.current) setState({ status: "error", message: plainError(e), network: e instanceof ApiError && e.code === "network" });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Loaded offline: load again when the connection returns.
  const unreachable = state.status === "error" && state.network;
  useEffect(() => {
    if (!unreachable) return;
    const retry = () => void reload();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [unreachable, reload]);

  // The latest rendered state, so `upsert` can decide outside a state updater (updaters may run later).
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  /** Adds a document or replaces the one with the same id, keeping the newest first. */
  const upsert = useCallback(
    (doc: DocumentUpsert) => {
      const current = stateRef.current;
      if (current.status !== "ready") return; // the load in flight will bring it
      if (!doc.role && !current.documents.some((d) => d.id === doc.id)) {
        void reload(); // we do not know our role on it yet: ask the server instead of guessing
        return;
      }
      setState((s) => {
        if (s.status !== "ready") return s;
        const existing = s.documents.find((d) => d.id === doc.id);
        const role = doc.role ?? existing?.role;
        if (!role) return s;
        const merged: DocumentSummary = { ...existing, ...doc, role };
        return { status: "ready", documents: [merged, ...s.documents.filter((d) => d.id !== doc.id)].sort(newestFirst) };
      });
    },
    [reload],
  );

  const remove = useCallback((id: string) => {
    setState((s) => (s.status === "ready" ? { status: "ready", documents: s.documents.filter((d) => d.id !== id) } : s));
  }, []);

  const create = useCallback(
    async (title: string) => {
      const doc = await api.createDocument(title);
      upsert(doc);
      return doc;
    },
    [upsert],
  );

  const rename = useCallback(
    async (id: string, title: string) => {
      const doc = await api.renameDocument(id, title);
      upsert(doc);
      return doc;
    },
    [upsert],
  );

  const destroy = useCallback(
    async (id: string) => {
      await api.deleteDocument(id);
      remove(id);
    },
    [remove],
  );

  return { state, reload, upsert, remove, create, rename, destroy };
}

export type DocumentsApi = ReturnType<typeof useDocuments>;
