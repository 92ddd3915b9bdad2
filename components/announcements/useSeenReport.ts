// Reports an announcement as seen once it is actually on screen: at least half of it inside the
// viewport (IntersectionObserver) while the tab is visible (a background tab renders but shows nothing).
"use client";
import { type RefObject, useEffect } from "react";
import { reportSeen } from "@/lib/announcements/seenReporter";

/** What a banner or toast needs to ask for an acknowledgement and report itself seen. */
export type AckProps = { onAcknowledge?: () => Promise<boolean>; reminded?: boolean; accountId?: string | null };

export function useSeenReport(ref: RefObject<HTMLElement | null>, id: string, accountId: string | null | undefined): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || !accountId || id === "preview" || typeof IntersectionObserver !== "function") return;
    let inView = false;
    const check = () => {
      if (inView && document.visibilityState === "visible") reportSeen(accountId, id);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        inView = entries.some((e) => e.isIntersecting);
        check();
      },
      { threshold: 0.5 },
    );
    observer.observe(el);
    document.addEventListener("visibilitychange", check);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", check);
    };
  }, [ref, id, accountId]);
}
