// The caller's page tree for the sidebar: loaded once, then fetched again whenever it may have changed
// (usePagesChanged). The last good tree stays on screen while a refresh is under way or fails.
"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import type { MovePageInput } from "@/lib/contracts/pages";
import { buildForest, type PageForest } from "@/lib/pageTree";
import { type PageNode, pagesApi } from "@/lib/pagesApi";
import { usePagesChanged } from "./usePagesChanged";

export type PageTreeState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; pages: PageNode[] };

export function usePageTree() {
  const [state, setState] = useState<PageTreeState>({ status: "loading" });
  const loadId = useRef(0);

  const reload = useCallback(async () => {
    const id = ++loadId.current;
    try {
      const pages = await pagesApi.tree();
      if (id === loadId.current) setState({ status: "ready", pages });
    } catch (e) {
      // A failed refresh keeps the tree shown; only a first load that fails says so in its place.
      if (id === loadId.current) setState((s) => (s.status === "ready" ? s : { status: "error", message: plainError(e) }));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);
  usePagesChanged(() => void reload());

  /** Puts a page the server just answered with into the tree at once, before the refresh lands. */
  const apply = useCallback((node: PageNode) => {
    setState((s) => (s.status === "ready" ? { status: "ready", pages: [...s.pages.filter((p) => p.id !== node.id), node] } : s));
  }, []);

  const move = useCallback(
    async (id: string, input: MovePageInput) => {
      const node = await pagesApi.move(id, input);
      apply(node);
      void reload();
      return node;
    },
    [apply, reload],
  );

  const forest: PageForest | null = useMemo(() => (state.status === "ready" ? buildForest(state.pages) : null), [state]);

  return { state, forest, reload, move, apply };
}

export type PageTree = ReturnType<typeof usePageTree>;
