// A test-only channel that serves the editor harness from the server's own origin (so the session
// cookie and the /collab WebSocket are same-origin, as with the real pages). Bundled with esbuild.
import path from "node:path";
import { build } from "esbuild";
import type { ChannelFactory } from "../../../server/channel";
import { setPageSecurityHeaders } from "../../../server/http/securityHeaders";

export async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "harness.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    // next/link (the editor's toolbar links) reads other process.env keys, which Next defines at build time.
    banner: { js: 'globalThis.process ??= { env: { NODE_ENV: "development" } };' },
    tsconfig: path.resolve(import.meta.dirname, "..", "..", "..", "tsconfig.json"),
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

export function harnessChannel(script: string): ChannelFactory {
  return ({ router, services }) => {
    // Served as a page, under the pages' own Content-Security-Policy (a nonce per request): the
    // editor is tested under the policy it runs under in the app.
    router.on("GET", "/editor-harness", async ({ req, res }) => {
      const nonce = setPageSecurityHeaders(req, res, services.config);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html><body><div id="root"></div><script type="module" nonce="${nonce}" src="/editor-harness.js"></script></body></html>`);
    });
    router.on("GET", "/editor-harness.js", async ({ res }) => {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      res.end(script);
    });
    return { name: "editor-harness", close: async () => {} };
  };
}
