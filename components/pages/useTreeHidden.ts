// Whether the person hid the page tree beside the page (wide screens), remembered in localStorage.
"use client";
import { useCallback, useEffect, useState } from "react";

const KEY = "tandem:page-tree:hidden";

export function useTreeHidden() {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    try {
      setHidden(window.localStorage.getItem(KEY) === "1");
    } catch {
      // Storage blocked: the tree shows, as by default.
    }
  }, []);
  const set = useCallback((next: boolean) => {
    setHidden(next);
    try {
      if (next) window.localStorage.setItem(KEY, "1");
      else window.localStorage.removeItem(KEY);
    } catch {
      // Storage blocked: remembered for this visit only.
    }
  }, []);
  return [hidden, set] as const;
}
