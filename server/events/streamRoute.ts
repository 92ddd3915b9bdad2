// GET /api/events: the Server-Sent Events stream. Resolves who is asking once, then hands the
// response to the hub, which writes it for as long as the client stays.
import type { Router } from "../http/router";
import type { Services } from "../services";
import type { StreamEvents } from "../../lib/announcements/types";
import { viewerOf, type Delivery } from "./audience";
import { parseEventId } from "./eventIds";
import type { SseHub, Unlogged } from "./hub";
import type { LiveAnnouncements } from "./liveAnnouncements";
import type { AnnouncementStore } from "./announcementStore";
import { showEvent } from "./changes";
import type { LiveCredentials } from "../auth/liveCredentials";
import type { SseConnection } from "./sseConnection";

const EVERYONE: Delivery = { viewers: ["anonymous", "user", "admin"] };

export function registerStreamRoute(
  router: Router,
  services: Services,
  deps: { hub: SseHub; live: LiveAnnouncements; store: AnnouncementStore; buildId: string; signedIn: LiveCredentials<SseConnection> },
): void {
  router.on("GET", "/api/events", async ({ req, res, url }) => {
    const rawLastId = (req.headers["last-event-id"] as string | undefined) ?? url.searchParams.get("lastEventId");
    const pathHint = url.searchParams.get("path");
    const caller = await services.auth.authenticate(req, url);
    const user = caller?.user ?? null;
    const viewer = viewerOf(user);

    // Dismissals are read before going live; one made meanwhile is picked up from the ring below.
    const headBefore = deps.hub.headId;
    const dismissed = user ? await deps.store.dismissedIds(user.id) : new Set<string>();
    if (req.destroyed) return;
    const late = deps.hub.ring.since(headBefore);
    if (late.kind === "replay") {
      for (const e of late.entries) if (e.event === "announcement-dismissed" && e.to.userId === user?.id) dismissed.add((e.data as { id: string }).id);
    }

    const version: StreamEvents["version"] = { buildId: deps.buildId, viewer };
    const greeting: Unlogged[] = [{ event: "version", data: version, to: EVERYONE }];
    const connection = deps.hub.attach({
      res,
      recipient: { viewer, userId: user?.id ?? null, pathHint: pathHint && pathHint.startsWith("/") ? pathHint : null },
      lastEventId: parseEventId(rawLastId),
      resumeRequested: rawLastId !== null && rawLastId !== undefined && rawLastId !== "",
      greeting,
      snapshot: () => deps.live.current().filter((a) => !dismissed.has(a.id)).map(showEvent),
    });
    // Signing out ends the stream; the browser reconnects as a signed-out visitor and sees only that audience.
    if (caller) connection.onClose(deps.signedIn.track(caller.credentialId, connection));
  });
}
