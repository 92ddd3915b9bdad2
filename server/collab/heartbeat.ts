// Server-side liveness: browsers answer pings without the page noticing, so a silent peer is a dead one.
import type { WebSocket } from "ws";

export type Heartbeat = { track(ws: WebSocket): void; stop(): void };

/** Pings every tracked socket; one that did not answer the previous ping is cut off. */
export function startHeartbeat(intervalMs: number): Heartbeat {
  const alive = new Map<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const [ws, answered] of alive) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return {
    track(ws) {
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      ws.on("close", () => alive.delete(ws));
    },
    stop: () => clearInterval(timer),
  };
}
