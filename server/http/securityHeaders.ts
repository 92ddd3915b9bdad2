// The one place that decides the security headers of every response the server sends: API JSON,
// /healthz and /metrics, SSE, socket.io's polling answers (set before any handler runs), and Next's
// pages and static files (which get a page policy with a fresh nonce instead of the strict default).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config";

type HeaderConfig = Pick<Config, "publicUrl" | "dev">;

/**
 * Anything that is not a page (JSON, event streams, metrics) never needs to run or load anything:
 * if a browser is tricked into rendering one, nothing in it can execute, and it cannot be framed.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries, whoever writes it. */
export function baseSecurityHeaders(config: HeaderConfig): Record<string, string> {
  return {
    "Content-Security-Policy": NON_PAGE_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Only under an https PUBLIC_URL: on plain http the header is ignored, and sent from a
    // localhost test it would pin the name to https for a year.
    ...(config.publicUrl?.protocol === "https:" ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

export function setBaseSecurityHeaders(res: ServerResponse, config: HeaderConfig): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders(config))) res.setHeader(name, value);
}

/**
 * The policy Next.js pages run under. Scripts: only those carrying this request's nonce, and what
 * they load ('strict-dynamic': Next's runtime adds its chunks with createElement). No
 * 'unsafe-inline' for scripts. Styles: Tailwind's stylesheet is a same-origin file, but React and
 * the editor write `style="..."` attributes, which no nonce can cover, so style-src keeps
 * 'unsafe-inline' (styles cannot run code; the script policy is what stops injection).
 */
export function pageCsp(nonce: string, config: HeaderConfig, host: string | undefined): string {
  const https = config.publicUrl?.protocol === "https:";
  // 'self' covers same-origin ws:/wss: in current browsers; older Safari needs them named.
  const sockets = socketSources(config, host);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${config.dev ? " 'unsafe-eval'" : ""}`,
    // Styles keep 'unsafe-inline': React and the carets write style attributes, and a nonce-only
    // style-src-elem made DOMPurify's parsing of hostile <style> in a detached document report
    // violations (e2e/xss.spec.ts). Tiptap already gets the nonce (injectNonce) for when it is tightened.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets ? ` ${sockets}` : ""}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

function socketSources(config: HeaderConfig, host: string | undefined): string {
  // The request's own Host (name[:port] characters only: anything else is dropped, never echoed).
  const name = config.publicUrl ? config.publicUrl.host : host;
  if (!name || !/^[A-Za-z0-9.:[\]-]+$/.test(name)) return "";
  return config.publicUrl?.protocol === "https:" ? `wss://${name}` : `ws://${name} wss://${name}`;
}

/**
 * For a request Next is about to render: a fresh nonce per request, on the response, and on the
 * request itself, where Next reads it (the `Content-Security-Policy` request header, see
 * next/dist/server/app-render/get-script-nonce-from-header) and puts it on its own inline scripts.
 * Whatever the client sent in that request header is replaced.
 */
export function setPageSecurityHeaders(req: IncomingMessage, res: ServerResponse, config: HeaderConfig): string {
  const nonce = crypto.randomBytes(16).toString("base64");
  const csp = pageCsp(nonce, config, req.headers.host);
  delete req.headers["content-security-policy-report-only"];
  req.headers["content-security-policy"] = csp;
  setBaseSecurityHeaders(res, config);
  res.setHeader("Content-Security-Policy", csp);
  return nonce;
}
