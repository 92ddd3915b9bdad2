// Which pages of the tree are expanded, remembered per page in localStorage (ids are unique across
// accounts, so one list per browser is enough). Unknown ids are dropped when the tree is known.
"use client";
import { useCallback, useEffect, useState } from "react";

const KEY = "tandem:page-tree:expanded";
const MAX_REMEMBERED = 2_000;

function read(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

function write(ids: Set<string>): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify([...ids].slice(-MAX_REMEMBERED)));
  } catch {
    // Storage full or blocked: the tree still works, it just forgets on reload.
  }
}

export function useExpanded() {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => setExpanded(read()), []);

  /** `change` says whether it changed anything: an unchanged set keeps its identity (no re-render). */
  const update = useCallback((change: (next: Set<string>) => boolean) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!change(next)) return current;
      write(next);
      return next;
    });
  }, []);

  const setOpen = useCallback(
    (id: string, open: boolean) =>
      update((s) => {
        if (s.has(id) === open) return false;
        if (open) s.add(id);
        else s.delete(id);
        return true;
      }),
    [update],
  );
  /** Opens every one of `ids` (the way down to the page being shown). */
  const open = useCallback(
    (ids: readonly string[]) =>
      update((s) => {
        const missing = ids.filter((id) => !s.has(id));
        for (const id of missing) s.add(id);
        return missing.length > 0;
      }),
    [update],
  );
  const isExpanded = useCallback((id: string) => expanded.has(id), [expanded]);

  return { isExpanded, setOpen, open };
}

export type Expanded = ReturnType<typeof useExpanded>;
