// Minimal socket.io broadcaster (default settings; clients use the websocket transport).
import { Server } from "socket.io";
import { serveBroadcast } from "./control.mjs";

let io;
serveBroadcast({
  attach(server) {
    io = new Server(server, { serveClient: false });
  },
  broadcast(payload) {
    io.emit("announcement", payload);
  },
  connections: () => io.engine.clientsCount,
});
