// A cookie authenticates only same-origin use: state-changing requests, WebSocket upgrades and
// socket.io handshakes from another origin are refused here.
import type { IncomingMessage } from "node:http";
import type { Config } from "../config";

/** True when the request comes from our own origin, or from a non-browser client (no Origin header). */
export function isSameOrigin(req: IncomingMessage, config: Config): boolean {
  const origin = req.headers.origin;
  if (!origin) {
    // Browsers send Origin on every cross-origin request that can change state; a missing one with
    // Sec-Fetch-Site cross-site is still a browser saying "not us".
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrl) return parsed.origin === config.publicUrl.origin;
  return parsed.host === req.headers.host;
}
