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

  // Restoring or deleting a page takes the sub-pages that went to the trash with it along.
  const drop = useCallback((id: string) => {
    setState((s) => {
      if (s.status !== "ready") return s;
      const gone = new Set([id, ...descendantsIn(trashGroups(s.documents).children, id)]);
      return { status: "ready", documents: s.documents.filter((d) => !gone.has(d.id)) };
    });
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

/** The trash as pages with, under each, the sub-pages that went with it (a child whose page is not listed stands alone). */
export function trashGroups(documents: TrashedDocument[]): { roots: TrashedDocument[]; children: Map<string, TrashedDocument[]> } {
  const listed = new Set(documents.map((d) => d.id));
  const children = new Map<string, TrashedDocument[]>();
  const roots: TrashedDocument[] = [];
  for (const d of documents) {
    if (d.trashedWithId !== null && listed.has(d.trashedWithId)) children.set(d.trashedWithId, [...(children.get(d.trashedWithId) ?? []), d]);
    else roots.push(d);
  }
  return { roots, children };
}

function descendantsIn(children: Map<string, TrashedDocument[]>, id: string): string[] {
  const out: string[] = [];
  for (let level = [id]; level.length > 0; ) {
    level = level.flatMap((p) => (children.get(p) ?? []).map((c) => c.id));
    out.push(...level);
  }
  return out;
}
