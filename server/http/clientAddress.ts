// The caller's network address, for rate limits and logs. Behind `TRUST_PROXY` reverse proxies the
// socket address is the proxy's, so the address is taken from X-Forwarded-For, counting that many hops
// from the right (the entries our own proxies appended); anything further left was written by the client.
import type { IncomingMessage } from "node:http";
import type { Config } from "../config";

export function clientAddress(req: IncomingMessage, config: Pick<Config, "trustProxy">): string {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  if (config.trustProxy === 0) return socketAddress;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // With n trusted proxies, the n-th entry from the right was added by the outermost one: the client.
  return hops[hops.length - config.trustProxy] ?? hops[0] ?? socketAddress;
}
