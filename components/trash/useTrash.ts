// The caller's trash: loaded once, then changed only by restore and delete forever (nobody else can
// put a document into another owner's trash, so no live feed is needed).
"use client";
import { useCallback, useEffect, useState } from "react";
import type { TrashedDocument } from "@/lib/contracts/trash";
import { trashApi } from "@/lib/trashApi";
import { plainError } from "@/lib/apiErrors";

export type TrashState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; documents: TrashedDocument[] };

export function useTrash() {
  const [state, setState] = useState<TrashState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      setState({ status: "ready", documents: await trashApi.list() });
    } catch (e) {
      setState({ status: "error", message: plainError(e) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const drop = useCallback((id: string) => {
    setState((s) => (s.status === "ready" ? { status: "ready", documents: s.documents.filter((d) => d.id !== id) } : s));
  }, []);

  const restore = useCallback(
    async (id: string) => {
      const doc = await trashApi.restore(id);
      drop(id);
      return doc;
    },
    [drop],
  );

  const deleteForever = useCallback(
    async (id: string) => {
      await trashApi.deleteForever(id);
      drop(id);
    },
    [drop],
  );

  return { state, reload, restore, deleteForever };
}
