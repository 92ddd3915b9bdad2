// Closing the port without cutting a connection the server has already accepted.
//
// `http.Server.close()` also destroys every connection it considers idle, and a connection accepted a
// moment ago whose request bytes have not been read yet counts as idle: the client has sent its request
// and sees a reset instead of the answer a closing server gives (collab 1001 or 503, an event stream's
// `retry:`). So the port is closed at the `net` level, those fresh connections get a short while to be
// read and answered, and only then is everything left closed.
import type { Server } from "node:http";
import net from "node:net";

/** Long enough to read and answer a request already on the wire; short enough not to hold a restart. */
const ANSWER_FRESH_CONNECTIONS_MS = 1_000;

export type PortCloser = {
  /** Stops accepting (new connections are refused), answers the fresh ones, then closes all connections. */
  close(): Promise<void>;
};

/** Call before `listen`: from then on it knows which connections have not sent a request yet. */
export function closeWithoutCutting(server: Server): PortCloser {
  const fresh = new Set<net.Socket>();
  const served = (socket: net.Socket) => fresh.delete(socket);
  server.on("connection", (socket: net.Socket) => {
    fresh.add(socket);
    socket.once("close", () => served(socket));
  });
  server.on("request", (req, res) => res.once("finish", () => served(req.socket)));
  server.on("upgrade", (req) => served(req.socket));

  return {
    async close() {
      net.Server.prototype.close.call(server);
      const deadline = Date.now() + ANSWER_FRESH_CONNECTIONS_MS;
      while (fresh.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      server.close(); // the http part: idle keep-alive sockets and the connections-checking timer
      server.closeAllConnections();
    },
  };
}
