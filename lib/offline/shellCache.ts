// The page's side of the service worker (public/sw.js): register it (production builds only, by
// build id so each deploy gets a fresh cache), ask it to keep a page's shell, and clear it on sign-out.
"use client";

/** Registers /sw.js for this build. Errors are not the user's business: the app works without it. */
export function registerShellWorker(buildId: string): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(`/sw.js?build=${encodeURIComponent(buildId)}`, { scope: "/" })
    .then(() => keepPages([window.location.pathname, "/dashboard"]))
    .catch(() => undefined);
}

async function activeWorker(): Promise<ServiceWorker | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  if (!registration) return null; // dev build, or not registered yet: nothing to ask
  return registration.active ?? (await navigator.serviceWorker.ready).active;
}

/** The build files this page has loaded, some before the worker was in control (the first visit). */
function loadedAssets(): string[] {
  if (typeof performance === "undefined") return [];
  const files = new Set<string>();
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name, window.location.href);
    if (url.origin === window.location.origin && url.pathname.startsWith("/_next/static/")) files.add(url.pathname);
  }
  return [...files].slice(0, 300);
}

/** Keep these pages, and the files this page runs on, for offline use (a document reached by an in-app link never passes as a navigation). */
export function keepPages(paths: string[]): void {
  void activeWorker()
    .then((w) => w?.postMessage({ type: "keep", paths, assets: loadedAssets() }))
    .catch(() => undefined);
}

/** Sign-out: drop every kept page and file, here and in the worker. */
export async function clearShellCaches(): Promise<void> {
  try {
    const worker = await activeWorker();
    worker?.postMessage({ type: "forget" });
    if (typeof caches !== "undefined") {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("tandem-shell-")).map((n) => caches.delete(n)));
    }
  } catch {
    // storage unavailable: there is nothing kept to clear
  }
}
