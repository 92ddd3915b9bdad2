// The socket.io channel: app events (live document list, presence, access changes, comments,
// notifications) on the same HTTP server and port, at /socket.io, with long-polling as the fallback
// where WebSockets are blocked.
import { Server } from "socket.io";
import type { Channel, ChannelContext } from "../channel";
import { MAX_MESSAGE_BYTES, SOCKET_PATH } from "../../lib/realtime/events";
import { bridgeBusToSockets } from "./busBridge";
import { ACCOUNT_EVENT_BURST, ACCOUNT_EVENTS_PER_SECOND, capacityMiddleware, handshakeMiddleware } from "./handshake";
import { AccountBuckets } from "./tokenBucket";
import { ClusterTally } from "./clusterTally";
import { registerSocketHandlers } from "./handlers";
import { PresenceFeed } from "./presenceFeed";
import type { TandemIo } from "./types";

/** The window an account's events are counted in across instances: a burst plus this many seconds' rate. */
const CLUSTER_WINDOW_SECONDS = 10;

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

  const presence = new PresenceFeed(io, services.db, services.log);

  const rateLimited = services.metrics.counter("tandem_socketio_rate_limited_total", "socket.io events refused by the per-socket or per-account rate limit");
  const accountBuckets = new AccountBuckets(ACCOUNT_EVENT_BURST, ACCOUNT_EVENTS_PER_SECOND);
  // In the hosted mode an account's budget is one across all instances, not one per instance.
  const clusterBudget = services.redis
    ? new ClusterTally(
        { client: services.redis.pub, prefix: services.redis.prefix },
        { name: "socketio-events", points: ACCOUNT_EVENT_BURST + ACCOUNT_EVENTS_PER_SECOND * CLUSTER_WINDOW_SECONDS, windowSeconds: CLUSTER_WINDOW_SECONDS },
      )
    : undefined;
  if (clusterBudget) accountBuckets.shareAcrossInstances(clusterBudget);
  services.metrics.gauge("tandem_socketio_connections", "Open socket.io connections on this instance", () => io.engine.clientsCount);

  let closed = false;
  io.use(capacityMiddleware(services, handshakeMiddleware(services)));
  io.on("connection", (socket) => {
    socket.once("disconnect", () => socket.data.capacitySlot?.release());
    // Connected while the server shuts down (it still listens until every channel has closed): hang
    // up, and the client reconnects in a few seconds, to another instance in the hosted mode.
    if (closed) return void socket.disconnect(true);
    // The access authority disconnects the socket when its credential ends (sign-out, revoked token,
    // expiry); until then every incoming event is checked against it, so none is handled after expiry.
    // A guest's socket is also handed the pages its link opens, whenever they change (the guest's page list).
    const { link } = socket.data;
    const access = services.access.register({
      credentialId: socket.data.credentialId,
      userId: socket.data.user.id,
      expiresAt: socket.data.expiresAt,
      link,
      connection: { end: () => socket.disconnect(true), ...(link && { linkPages: (list) => socket.emit("link:pages", list) }) },
    });
    socket.once("disconnect", access.release);
    socket.use((_packet, next) => (access.allows() ? next() : socket.disconnect(true)));
    registerSocketHandlers(socket, { services, presence, accountBuckets, onRateLimited: () => rateLimited.inc() });
  });
  const unsubscribe = bridgeBusToSockets(io, services, presence);

  return {
    name: "realtime",
    async close() {
      closed = true;
      clusterBudget?.stop();
      unsubscribe();
      presence.stop();
      // Not io.close(): that also closes the HTTP server and waits for it, which app.ts owns.
      io.local.disconnectSockets(true);
      io.engine.close();
    },
  };
}
