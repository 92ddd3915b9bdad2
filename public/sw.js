// Tandem's service worker: keeps the app shell so a document opened before opens with no network
// (its text is in IndexedDB, y-indexeddb; it merges when the connection returns).
// - Pages (navigations): network first; a copy of each shell page is kept for when the network fails.
//   Pages hold no private data (everything private comes from /api after load), and a kept copy comes
//   back with its own Content-Security-Policy header, whose nonce matches the copy's inline scripts.
// - Hashed build files (/_next/static) and icons: cache first (a new build has new names).
// - /api, /collab, /socket.io and everything else: never touched, never kept.
// One cache per build (registered as /sw.js?build=<BUILD_ID>); older builds' caches go on activate.
const PREFIX = "tandem-shell-";
const BUILD = new URL(self.location.href).searchParams.get("build") || "unknown";
const CACHE = PREFIX + BUILD;

/** The pages worth keeping: the dashboard and a document's page (any id). */
const SHELL_PAGE = /^\/(dashboard|documents\/[A-Za-z0-9_-]{1,64})$/;
const STATIC_FILE = /^\/(_next\/static\/|favicon\.ico$|icon(-\d+|-maskable-\d+)?\.(png|svg)$|apple-touch-icon\.png$|manifest\.webmanifest$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

/** A shell page answered by the server as itself (not a redirect, not an error). */
function keepable(response) {
  return response.ok && response.status === 200 && response.type === "basic" && !response.redirected;
}

async function keepPage(path) {
  const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
  if (keepable(response)) await (await caches.open(CACHE)).put(path, response);
}

/** Build files a page loaded before this worker controlled it: kept unless already kept. */
async function keepAssets(paths) {
  const cache = await caches.open(CACHE);
  for (const path of paths) {
    if (await cache.match(path)) continue;
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.ok && response.type === "basic") await cache.put(path, response);
  }
}

async function page(request, path) {
  try {
    const response = await fetch(request);
    if (SHELL_PAGE.test(path) && keepable(response)) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(path, copy));
    }
    return response;
  } catch {
    const cache = await caches.open(CACHE);
    const kept = SHELL_PAGE.test(path) ? await cache.match(path) : undefined;
    if (kept) return kept;
    if (path === "/" || path === "/dashboard") {
      const dashboard = await cache.match("/dashboard");
      if (dashboard) return dashboard;
    }
    return offlinePage();
  }
}

async function staticFile(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") cache.put(request, response.clone());
  return response;
}

/** Shown for a page never opened on this device while offline: no script, nothing loaded. */
function offlinePage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Tandem</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#18181b;background:#fafafa}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}a{color:#a5b4fc}}a{color:#4f46e5}</style></head>
<body><h1>You are offline</h1><p>This page was not opened on this device before, so it cannot be shown without a connection.</p><p><a href="/dashboard">See the documents available offline</a>, or try again when you are back online.</p></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") return event.respondWith(page(request, url.pathname));
  if (STATIC_FILE.test(url.pathname)) return event.respondWith(staticFile(request));
});

// From a page: keep its shell (a document opened by an in-app link never passes through a navigation),
// or forget everything (sign-out). Only paths of the shape above are fetched.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || typeof data !== "object") return;
  if (data.type === "keep" && Array.isArray(data.paths)) {
    const paths = data.paths.filter((p) => typeof p === "string" && SHELL_PAGE.test(p)).slice(0, 4);
    const assets = Array.isArray(data.assets)
      ? data.assets.filter((p) => typeof p === "string" && p.startsWith("/_next/static/") && STATIC_FILE.test(p) && !p.includes("..")).slice(0, 300)
      : [];
    event.waitUntil(Promise.all([...paths.map((p) => keepPage(p).catch(() => undefined)), keepAssets(assets).catch(() => undefined)]));
  } else if (data.type === "forget") {
    event.waitUntil(caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX)).map((n) => caches.delete(n)))));
  }
});
