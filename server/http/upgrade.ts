// Routes WebSocket upgrades by path prefix; anything not claimed is refused.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

export function refuseUpgrade(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (socket.writable) {
    const extra = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

export class UpgradeRouter {
  private handlers: Array<{ prefix: string; handler: UpgradeHandler }> = [];
  /** Paths another library listens for on the server itself (socket.io); we must not answer those. */
  private passthrough: string[] = [];

  on(prefix: string, handler: UpgradeHandler): void {
    this.handlers.push({ prefix, handler });
  }

  ignore(prefix: string): void {
    this.passthrough.push(prefix);
  }

  /**
   * Never throws: this runs in the HTTP server's 'upgrade' event, where an exception is uncaught and a
   * socket nobody answers stays open. A target such as `http://[` does not parse as a URL: 400.
   */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, fallback?: UpgradeHandler): void {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      return refuseUpgrade(socket, 400, "Bad Request");
    }
    if (this.passthrough.some((p) => url.pathname.startsWith(p))) return;
    const handler = this.handlers.find((h) => url.pathname.startsWith(h.prefix))?.handler ?? fallback;
    if (!handler) return refuseUpgrade(socket, 404, "Not Found");
    try {
      handler(req, socket, head, url);
    } catch {
      refuseUpgrade(socket, 500, "Internal Server Error");
    }
  }
}
