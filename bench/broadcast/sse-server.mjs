// Minimal SSE broadcaster on node:http, the way /api/events works: one long response per client.
import { serveBroadcast } from "./control.mjs";

const clients = new Set();
serveBroadcast({
  attach(server) {
    server.on("request", (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
    });
  },
  broadcast(payload) {
    const frame = `id: ${payload.id}\nevent: announcement\ndata: ${JSON.stringify(payload)}\n\n`; // encoded once
    for (const res of clients) res.write(frame);
  },
  connections: () => clients.size,
});
