// Who may read /metrics: it names documents' load, connection counts and process internals, which
// are nobody else's business. With METRICS_TOKEN set, only a caller presenting it; unset, only
// callers on this machine (the socket's own address: X-Forwarded-For is written by the client).
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Config } from "../config";
import { ApiError } from "../http/errors";

/** Throws 401/403 with a message that says what to do; returns when the caller may read. */
export function checkMetricsAccess(req: IncomingMessage, config: Pick<Config, "metricsToken">): void {
  if (config.metricsToken) {
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!presented) throw new ApiError("unauthorized", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.");
    if (!sameSecret(presented, config.metricsToken))
      throw new ApiError("forbidden", "That metrics token is not the one this server was given (METRICS_TOKEN).");
    return;
  }
  if (!isLoopback(req.socket.remoteAddress)) {
    throw new ApiError("forbidden", "Metrics are only served to this machine. Set METRICS_TOKEN to scrape them from elsewhere.");
  }
}

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

/** 127.0.0.0/8, ::1, and 127.x as IPv4-mapped IPv6 (what a dual-stack listener reports for it). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === "::1";
}
