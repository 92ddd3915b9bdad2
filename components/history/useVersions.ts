// A document's versions while its history is open: loaded on opening, kept in step with what this
// page does (name, rename, delete, restore), and reloaded at once when the server says they changed
// (versions:changed in the document's socket.io room: automatic versions, other people's named ones,
// renames, deletions, restores, on any instance). A slow poll stays as the fallback for a lost event.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Version } from "@/lib/contracts/history";
import { historyApi } from "@/lib/historyApi";
import { plainError } from "@/lib/apiErrors";
import { useDocumentRoom, useOnConnect, useRealtimeEvent } from "@/lib/realtime/hooks";

/** The fallback: how often an open list asks again without being told (skipped in a background tab). */
const POLL_MS = 120_000;

export type VersionsState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; versions: Version[] };

export function useVersions(documentId: string, active: boolean) {
  const [state, setState] = useState<VersionsState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      const versions = await historyApi.list(documentId);
      setState({ status: "ready", versions });
    } catch (e) {
      // A failed refresh keeps the list it had; only a first load shows the error.
      setState((s) => (s.status === "ready" ? s : { status: "error", message: plainError(e) }));
    }
  }, [documentId]);

  // The document's room (shared with comments and presence) carries versions:changed.
  useDocumentRoom(documentId);
  useRealtimeEvent("versions:changed", (p) => {
    if (active && p.documentId === documentId) void reload();
  });
  // Changes made while the connection was down: asked for again on reconnecting (the first connect
  // needs nothing: the list loads when the panel opens).
  const connectedBefore = useRef(false);
  useOnConnect(() => {
    if (connectedBefore.current && active) void reload();
    connectedBefore.current = true;
  });

  useEffect(() => {
    if (!active) return;
    setState({ status: "loading" });
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);

  const put = useCallback((version: Version) => {
    setState((s) => {
      if (s.status !== "ready") return s;
      const known = s.versions.some((v) => v.id === version.id);
      return { status: "ready", versions: known ? s.versions.map((v) => (v.id === version.id ? version : v)) : [version, ...s.versions] };
    });
  }, []);

  const name = useCallback(
    async (text: string) => {
      const version = await historyApi.name(documentId, text);
      put(version);
      return version;
    },
    [documentId, put],
  );

  const rename = useCallback(
    async (versionId: string, text: string | null) => {
      const version = await historyApi.rename(documentId, versionId, text);
      put(version);
      return version;
    },
    [documentId, put],
  );

  const remove = useCallback(
    async (versionId: string) => {
      await historyApi.remove(documentId, versionId);
      setState((s) => (s.status === "ready" ? { status: "ready", versions: s.versions.filter((v) => v.id !== versionId) } : s));
    },
    [documentId],
  );

  const find = useCallback((versionId: string) => (state.status === "ready" ? state.versions.find((v) => v.id === versionId) : undefined), [state]);

  return { state, reload, name, rename, remove, find };
}

export type Versions = ReturnType<typeof useVersions>;
