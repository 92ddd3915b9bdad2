// The part the three broadcast servers share: count bytes written on every TCP socket of the HTTP
// server, and take orders from the benchmark over IPC (broadcast one announcement, report stats).
import http from "node:http";

export function announcement(id) {
  // The same announcement every transport carries; `t` is the send time on the shared epoch clock.
  return {
    id,
    t: performance.timeOrigin + performance.now(),
    title: "Scheduled maintenance tonight",
    body: "Tandem will be **read-only** from 22:00 to 22:15 UTC while we upgrade the database.",
    severity: "warning",
    kind: "banner",
    audience: "everyone",
    dismissible: true,
  };
}

export function serveBroadcast({ broadcast, connections, attach }) {
  const sockets = new Set();
  const server = http.createServer();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.maxConnections = Infinity;
  attach(server);
  const bytesWritten = () => {
    let n = 0;
    for (const s of sockets) n += s.bytesWritten;
    return n;
  };
  process.on("message", (msg) => {
    if (msg.cmd === "broadcast") {
      const before = bytesWritten();
      broadcast(announcement(msg.messageId));
      // bytesWritten counts bytes handed to the socket, so it is complete once broadcast() returns.
      process.send({ id: msg.id, connections: connections(), bytes: bytesWritten() - before });
    } else if (msg.cmd === "stats") {
      process.send({ id: msg.id, connections: connections() });
    } else {
      process.send({ id: msg.id }); // "after" (Tandem revokes its announcement): nothing to do here
    }
  });
  server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
}
