// The socket.io channel: app events (live document list, presence, access changes, comments,
// notifications) on the same HTTP server and port, at /socket.io, with long-polling as the fallback
// where WebSockets are blocked.
import { Server } from "socket.io";
import type { Channel, ChannelContext } from "../channel";
import { Comments } from "../domain/comments";
import { Notifications } from "../domain/notifications";
import { MAX_MESSAGE_BYTES, SOCKET_PATH } from "../../lib/realtime/events";
import { bridgeBusToSockets } from "./busBridge";
import { ACCOUNT_EVENT_BURST, ACCOUNT_EVENTS_PER_SECOND, handshakeMiddleware } from "./handshake";
import { AccountBuckets } from "./tokenBucket";
import { registerSocketHandlers } from "./handlers";
import { LocalPresence } from "./presence";
import { PresenceFeed } from "./presenceFeed";
import { startSessionRecheck } from "./sessionRecheck";
import type { TandemIo, TandemSocket } from "./types";
import { LiveCredentials, endConnectionsOnRevoke } from "../auth/liveCredentials";

export function createRealtimeChannel({ services, upgrades, httpServer }: ChannelContext): Channel {
  // engine.io listens on the HTTP server itself: its 'request' listener takes /socket.io/ requests
  // (polling) before the app's handler sees them, and its 'upgrade' listener takes the WebSockets.
  upgrades.ignore(`${SOCKET_PATH}/`);
  const io: TandemIo = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Other upgrades (/collab/...) belong to other channels: engine.io must not close them.
    destroyUpgrade: false,
  });

  const notifications = new Notifications(services.db, services.bus);
  const comments = new Comments(services.db, services.bus, services.documents, notifications, services.log);
  const presence = new PresenceFeed(io, services.db, new LocalPresence(), services.bus);

  const rateLimited = services.metrics.counter("tandem_socketio_rate_limited_total", "socket.io events refused by the per-socket or per-account rate limit");
  const accountBuckets = new AccountBuckets(ACCOUNT_EVENT_BURST, ACCOUNT_EVENTS_PER_SECOND);
  services.metrics.gauge("tandem_socketio_connections", "Open socket.io connections on this instance", () => io.engine.clientsCount);

  // Signing out or revoking the token disconnects at once; the periodic recheck catches expiry.
  const live = new LiveCredentials<TandemSocket>();
  const stopRevoke = endConnectionsOnRevoke(services.bus, live, (socket) => socket.disconnect(true));

  io.use(handshakeMiddleware(services));
  io.on("connection", (socket) => {
    socket.once("disconnect", live.track(socket.data.credentialId, socket));
    registerSocketHandlers(socket, { services, comments, notifications, presence, accountBuckets, onRateLimited: () => rateLimited.inc() });
  });
  const unsubscribe = bridgeBusToSockets(io, services, presence, notifications);
  const stopRecheck = startSessionRecheck(io, services);

  return {
    name: "realtime",
    async close() {
      unsubscribe();
      stopRevoke();
      stopRecheck();
      presence.stop();
      // Not io.close(): that also closes the HTTP server and waits for it, which app.ts owns.
      io.local.disconnectSockets(true);
      io.engine.close();
    },
  };
}
