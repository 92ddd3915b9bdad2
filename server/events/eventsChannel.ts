// The announcements channel: the SSE hub and stream, and the live state that turns database changes
// and scheduled start/end times into stream events. The use cases and the admin API are
// services.announcements and its routes (registered by app.ts).
import type { Channel, ChannelFactory } from "../channel";
import { viewersOf } from "./audience";
import { readBuildId } from "./buildId";
import { SseHub, type HubOptions } from "./hub";
import { LiveAnnouncements } from "./liveAnnouncements";
import { deliveryOf } from "./changes";
import { registerStreamRoute } from "./streamRoute";
import { startAwayMail } from "./awayMail";
import { RedisEventLog } from "./redisEventLog";
import { LocalStreamPresence, RedisStreamPresence, type StreamPresence } from "./streamPresence";

export type EventsChannelOptions = HubOptions & { buildId?: string };

export function createEventsChannel(options: EventsChannelOptions = {}): ChannelFactory {
  return async ({ services, router, httpServer }): Promise<Channel> => {
    const slowDropped = services.metrics.counter("tandem_sse_slow_clients_dropped_total", "Event streams dropped because the client stopped reading");
    const { store, liveReach } = services.announcements;
    // Hosted mode: one log for all instances (ids, order, replay); a single instance keeps its own ring.
    const shared = services.redis
      ? await RedisEventLog.open(services.redis.pub, services.redis.prefix, services.config.eventLogLength, services.log)
      : undefined;
    // Who has a stream open, across instances: a reminder emails only the others (streamPresence.ts).
    const accountsHere = () => hub.accountsWithStreams();
    const presence: StreamPresence = services.redis
      ? new RedisStreamPresence({ client: services.redis.pub, prefix: services.redis.prefix }, accountsHere, services.log)
      : new LocalStreamPresence(accountsHere);
    const hub = new SseHub({
      ...options,
      shared,
      onSlowClientDropped: () => slowDropped.inc(),
      onDelivered: liveReach.delivered,
      onAccountPresence: (userId, present) => presence.changed(userId, present),
    });
    services.announcements.presence = presence;
    shared?.start((entry) => hub.deliver(entry));
    liveReach.hub = hub;
    const live = new LiveAnnouncements(store, hub, services.log);
    await live.start();
    const awayMail = startAwayMail(services, hub, live, httpServer);

    // With a shared log only the instance where a dismissal or reminder happened appends it; the others
    // get it from the log. (Announcement changes are computed everywhere and deduplicated there.)
    const unsubscribe = services.bus.subscribe((event, meta) => {
      if (event.type === "announcements.changed") void live.refresh();
      // An acknowledgement clears it from that account's streams exactly as a dismissal does.
      if ((event.type === "announcement.dismissed" || event.type === "announcement.acknowledged") && (meta.local || !shared)) {
        hub.publish("announcement-dismissed", { id: event.announcementId }, { viewers: viewersOf("everyone"), userId: event.userId });
      }
      if (event.type === "announcement.reach") liveReach.changed(event.announcementId);
      if (event.type === "announcement.remind") {
        const a = live.current().find((x) => x.id === event.announcementId);
        if (a && (meta.local || !shared)) hub.publish("announcement-reminder", a, { ...deliveryOf(a), users: new Set(event.userIds) });
      }
    });

    // Signed-in streams are registered with the access authority, which ends them with their session.
    registerStreamRoute(router, services, { hub, live, store, buildId: options.buildId ?? readBuildId() });

    services.metrics.gauge("tandem_sse_connections", "Open Server-Sent Events streams", () => hub.connectionCount);

    return {
      name: "events",
      async close() {
        unsubscribe();
        live.stop();
        await awayMail.stop();
        await services.announcements.reminderMail?.idle();
        hub.close();
        await presence.close();
        await shared?.close();
        // Queued seen reports are written (and their figures announced) before the database closes.
        await services.announcements.reports.stop();
        await liveReach.stop();
      },
    };
  };
}

export const eventsChannel: ChannelFactory = createEventsChannel();
