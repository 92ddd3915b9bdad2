// Registers the service worker that keeps the app shell for offline use (production builds only:
// in development every file changes under it, and a stale cached chunk would only confuse).
"use client";
import { useEffect } from "react";
import { registerShellWorker } from "@/lib/offline/shellCache";

export function ShellWorker({ buildId }: { buildId: string }) {
  useEffect(() => {
    registerShellWorker(buildId);
  }, [buildId]);
  return null;
}
