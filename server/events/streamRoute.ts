// GET /api/events: the Server-Sent Events stream. Resolves who is asking once, then hands the
// response to the hub, which writes it for as long as the client stays.
import type { Router } from "../http/router";
import type { Services } from "../services";
import type { StreamEvents } from "../../lib/announcements/types";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../http/errors";
import { BUSY_MESSAGE, type Slot } from "../ops/capacity";
import { BUSY_PARAM, BUSY_PARAM_VALUE } from "../../lib/collab/closeCodes";
import { clientAddress } from "../http/clientAddress";
import { announcementUser, viewerOf, type Delivery } from "./audience";
import { parseEventId } from "./eventIds";
import type { SseHub, Unlogged } from "./hub";
import type { LiveAnnouncements } from "./liveAnnouncements";
import type { AnnouncementStore } from "./announcementStore";
import { showEvent } from "./changes";
import { STREAM_LIMIT_RETRY_AFTER_SECONDS, StreamCounts } from "./streamLimits";
import { guestUser } from "../auth/linkCredential";
import { guestCredentialId } from "../access/linkHolds";

const EVERYONE: Delivery = { viewers: ["anonymous", "user", "admin"] };

/** A stream ended by sign-out or expiry reconnects (as a signed-out visitor) after this long. */
const SIGNED_OUT_RETRY_MS = 500;

export function registerStreamRoute(
  router: Router,
  services: Services,
  deps: { hub: SseHub; live: LiveAnnouncements; store: AnnouncementStore; buildId: string },
): void {
  const counts = new StreamCounts();

  router.on("GET", "/api/events", async ({ req, res, url }) => {
    // Shutting down: come back in a moment (to another instance), without touching the database.
    if (deps.hub.isClosed) return void deps.hub.turnAway(res);
    // At capacity: refused before authentication or the database. Our client asks (`?busy=close`) for
    // an answer EventSource can read: a `retry:` of the wait, after which it comes back by itself.
    const capacity = services.capacity.admit("eventStreams");
    if (capacity.kind === "busy") {
      if (url.searchParams.get(BUSY_PARAM) === BUSY_PARAM_VALUE) return deps.hub.sendAway(res, capacity.retryAfterSeconds * 1000);
      throw new ApiError("unavailable", BUSY_MESSAGE, undefined, capacity.retryAfterSeconds);
    }
    try {
      await serveStream(req, res, url, capacity.slot);
    } catch (err) {
      capacity.slot.release();
      throw err;
    }
  });

  /** What the snapshot leaves out for this account: read before going live, plus any made meanwhile (from the ring). */
  async function dismissalsFor(userId: string | null): Promise<Set<string>> {
    if (userId === null) return new Set();
    const headBefore = deps.hub.headId;
    const dismissed = await deps.store.hiddenIds(userId);
    const late = deps.hub.ring.since(headBefore);
    if (late.kind === "replay") {
      for (const e of late.entries) if (e.event === "announcement-dismissed" && e.to.userId === userId) dismissed.add((e.data as { id: string }).id);
    }
    return dismissed;
  }

  async function serveStream(req: IncomingMessage, res: ServerResponse, url: URL, slot: Slot): Promise<void> {
    const rawLastId = (req.headers["last-event-id"] as string | undefined) ?? url.searchParams.get("lastEventId");
    const pathHint = url.searchParams.get("path");
    // Streams come in storms (every browser of a dead instance at once): the remembered, batched lookup.
    const caller = await services.auth.authenticateRecent(req, url);
    const user = announcementUser(caller);
    const viewer = viewerOf(user);

    // Taken before any other wait, so a burst of parallel requests cannot all pass the count.
    const perCaller = user
      ? counts.take(`account:${user.id}`, services.config.eventStreams.perAccount)
      : counts.take(`address:${clientAddress(req, services.config)}`, services.config.eventStreams.perAddress);
    if (!perCaller) {
      // A stock EventSource stops on a non-200 answer; ours retries with its own jittered backoff (1 s doubling
      // to 30 s), so a refused browser does not come back in a tight loop.
      throw new ApiError(
        "rate_limited",
        user
          ? "Too many open event streams for this account. Close some tabs or windows, then reload."
          : "Too many open event streams from this address. Close some tabs or windows, then reload.",
        undefined,
        STREAM_LIMIT_RETRY_AFTER_SECONDS,
      );
    }
    const release = () => {
      perCaller();
      slot.release();
    };
    try {
      const lastEventId = parseEventId(rawLastId);
      // Hosted mode: what the shared log holds before this instance's ring.
      const older = await deps.hub.fetchOlder(lastEventId);
      if (req.destroyed) return release();
      // A resume answered with the missed events alone gets no snapshot, so it needs no dismissals: attached
      // in this same turn, without touching the database (a failover brings thousands of these at once).
      const dismissed = deps.hub.replays(lastEventId, older) ? new Set<string>() : await dismissalsFor(user?.id ?? null);
      if (req.destroyed) return release();

      const version: StreamEvents["version"] = { buildId: deps.buildId, viewer };
      const greeting: Unlogged[] = [{ event: "version", data: version, to: EVERYONE }];
      const connection = deps.hub.attach({
        res,
        recipient: { viewer, userId: user?.id ?? null, pathHint: pathHint?.startsWith("/") ? pathHint : null },
        lastEventId,
        older,
        resumeRequested: rawLastId !== null && rawLastId !== undefined && rawLastId !== "",
        greeting,
        snapshot: () =>
          deps.live
            .current()
            .filter((a) => !dismissed.has(a.id))
            .map(showEvent),
      });
      connection.onClose(release);
      if (!connection.isOpen) return release();
      // Signing out or the session expiring ends the stream; the browser reconnects as a signed-out
      // visitor and sees only that audience.
      if (caller) {
        const access = services.access.register({
          credentialId: caller.credentialId,
          userId: caller.user.id,
          expiresAt: caller.expiresAt,
          connection: { end: () => connection.end(SIGNED_OUT_RETRY_MS) },
        });
        connection.onClose(access.release);
      } else {
        // A guest's stream ends with the share link it came in through (revoked or expired), as a
        // signed-in stream ends with its session; it reconnects as a plain signed-out visitor.
        for (const link of await services.links.linksIn(req)) {
          const access = services.access.register({
            credentialId: guestCredentialId(link.id),
            userId: guestUser().id,
            expiresAt: null,
            link,
            connection: { end: () => connection.end(SIGNED_OUT_RETRY_MS) },
          });
          connection.onClose(access.release);
        }
      }
    } catch (err) {
      release();
      throw err;
    }
  }
}
