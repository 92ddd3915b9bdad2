// The announcements channel: the SSE hub and stream, the admin API, and the live state that turns
// database changes and scheduled start/end times into stream events.
import type { Channel, ChannelFactory } from "../channel";
import { viewersOf } from "./audience";
import { AnnouncementStore } from "./announcementStore";
import { AnnouncementService } from "./announcementService";
import { readBuildId } from "./buildId";
import { SseHub, type HubOptions } from "./hub";
import { LiveAnnouncements } from "./liveAnnouncements";
import { registerAnnouncementRoutes } from "./routes";
import { registerStreamRoute } from "./streamRoute";
import type { SseConnection } from "./sseConnection";
import { LiveCredentials, endConnectionsOnRevoke } from "../auth/liveCredentials";

/** A stream ended by sign-out reconnects (as a signed-out visitor) after this long. */
const SIGNED_OUT_RETRY_MS = 500;

export type EventsChannelOptions = HubOptions & { buildId?: string };

export function createEventsChannel(options: EventsChannelOptions = {}): ChannelFactory {
  return async ({ services, router }): Promise<Channel> => {
    const slowDropped = services.metrics.counter("tandem_sse_slow_clients_dropped_total", "Event streams dropped because the client stopped reading");
    const hub = new SseHub({ ...options, onSlowClientDropped: () => slowDropped.inc() });
    const store = new AnnouncementStore(services.db);
    const live = new LiveAnnouncements(store, hub, services.log);
    await live.start();
    const announcements = new AnnouncementService(store, live, services.bus);

    const unsubscribe = services.bus.subscribe((event) => {
      if (event.type === "announcements.changed") void live.refresh();
      if (event.type === "announcement.dismissed") {
        hub.publish("announcement-dismissed", { id: event.announcementId }, { viewers: viewersOf("everyone"), userId: event.userId });
      }
    });

    registerAnnouncementRoutes(router, services, announcements);
    const signedIn = new LiveCredentials<SseConnection>();
    const stopRevoke = endConnectionsOnRevoke(services.bus, signedIn, (connection) => connection.end(SIGNED_OUT_RETRY_MS));
    registerStreamRoute(router, services, { hub, live, store, signedIn, buildId: options.buildId ?? readBuildId() });

    services.metrics.gauge("tandem_sse_connections", "Open Server-Sent Events streams", () => hub.connectionCount);

    return {
      name: "events",
      async close() {
        unsubscribe();
        stopRevoke();
        live.stop();
        hub.close();
      },
    };
  };
}

export const eventsChannel: ChannelFactory = createEventsChannel();
