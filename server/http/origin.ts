// A cookie authenticates only same-origin use: state-changing requests, WebSocket upgrades and
// socket.io handshakes from another origin are refused here (every caller uses this one check).
//
// Our origin is PUBLIC_URL's when it is set. Without it the server has to guess from the request:
// the scheme from the socket (TLS or not; X-Forwarded-Proto only behind TRUST_PROXY proxies), the
// name from Host. Host is written by whoever sent the request, so a DNS-rebinding page (a hostname
// of the attacker's that now resolves to this server) sends a matching Host and Origin. Rebinding
// needs a hostname, so without PUBLIC_URL only loopback names and IP literals are believed.
import net from "node:net";
import type { TLSSocket } from "node:tls";
import type { IncomingMessage } from "node:http";
import type { Config } from "../config";

type OriginConfig = Pick<Config, "publicUrl" | "trustProxy">;

export const SET_PUBLIC_URL =
  "This server does not know its public address, so it only accepts browsers on localhost or an IP address. " +
  "Set PUBLIC_URL to the address people use (for example https://tandem.example.com) and restart it.";

/** Why a browser's request is not from our own origin; `null` when it is (or is not from a browser). */
export function originRefusal(req: IncomingMessage, config: OriginConfig): string | null {
  const origin = req.headers.origin;
  if (!origin) {
    // Browsers send Origin on every request that can change state and on every WebSocket; a missing
    // one with Sec-Fetch-Site cross-site is still a browser saying "not us". No Origin and no
    // Sec-Fetch-Site: a script or a non-browser client, which no other site can drive.
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none" ? null : OTHER_SITE;
  }
  if (origin === "null") return OTHER_SITE;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return OTHER_SITE;
  }
  if (config.publicUrl) return parsed.origin === config.publicUrl.origin ? null : OTHER_SITE;
  const expected = requestOrigin(req, config);
  if (!expected) return SET_PUBLIC_URL;
  return parsed.origin === expected ? null : OTHER_SITE;
}

/** True when the request comes from our own origin, or from a non-browser client (no Origin header). */
export function isSameOrigin(req: IncomingMessage, config: OriginConfig): boolean {
  return originRefusal(req, config) === null;
}

const OTHER_SITE = "Requests from other sites are not allowed.";

/** scheme://host[:port] as the request itself claims it, or undefined when its Host cannot be believed. */
function requestOrigin(req: IncomingMessage, config: OriginConfig): string | undefined {
  const host = req.headers.host;
  // Only name[:port] characters: "evil.example@127.0.0.1" would otherwise parse as an IP literal.
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`${requestScheme(req, config)}://${host}`);
  } catch {
    return undefined;
  }
  return isUnrebindableHost(url.hostname) ? url.origin : undefined;
}

function requestScheme(req: IncomingMessage, config: OriginConfig): "http" | "https" {
  if ((req.socket as TLSSocket).encrypted) return "https";
  if (config.trustProxy > 0) {
    // The proxy nearest to us wrote the last value.
    const header = req.headers["x-forwarded-proto"];
    const values = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((s) => s.trim().toLowerCase());
    const proto = values[values.length - 1];
    if (proto === "https" || proto === "http") return proto;
  }
  return "http";
}

/** Loopback names and IP literals: names no DNS answer can point at this server from elsewhere. */
export function isUnrebindableHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true; // RFC 6761: browsers resolve these to loopback themselves
  const bare = name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name;
  return net.isIP(bare) !== 0;
}
