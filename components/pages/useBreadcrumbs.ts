// The way down to a page (its ancestors the caller can open), kept current as pages move or get renamed.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import { type Breadcrumb, pagesApi } from "@/lib/pagesApi";
import { usePagesChanged } from "./usePagesChanged";

export type BreadcrumbsState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; crumbs: Breadcrumb[] };

export function useBreadcrumbs(id: string, enabled: boolean) {
  const [state, setState] = useState<BreadcrumbsState>({ status: "loading" });
  const loadId = useRef(0);

  const reload = useCallback(async () => {
    if (!enabled) return;
    const at = ++loadId.current;
    try {
      const crumbs = await pagesApi.breadcrumbs(id);
      if (at === loadId.current) setState({ status: "ready", crumbs });
    } catch (e) {
      if (at === loadId.current) setState((s) => (s.status === "ready" ? s : { status: "error", message: plainError(e) }));
    }
  }, [id, enabled]);

  useEffect(() => {
    setState({ status: "loading" });
    void reload();
  }, [reload]);
  usePagesChanged(() => void reload());

  return state;
}
