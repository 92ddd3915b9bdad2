// Minimal raw WebSocket broadcaster with `ws` (no compression, text frames).
import { WebSocketServer } from "ws";
import { serveBroadcast } from "./control.mjs";

let wss;
serveBroadcast({
  attach(server) {
    wss = new WebSocketServer({ server, perMessageDeflate: false });
  },
  broadcast(payload) {
    const frame = JSON.stringify(payload); // encoded once
    for (const ws of wss.clients) ws.send(frame);
  },
  connections: () => wss.clients.size,
});
