// HTTP routes for announcements: the admin API, the caller's active list, and dismissals. Registered
// by app.ts beside the other API routes; the stream itself (/api/events) is the events channel's.
import type { Router, RouteContext } from "../http/router";
import type { Services } from "../services";
import { parseBody, idParam } from "../api/context";
import { notFound, unauthorized } from "../domain/errors";
import { assertAdmin } from "./announcementService";
import { requireAccess, type Access } from "../auth/scopes";
import { announcementUser } from "./audience";
import { CreateAnnouncementBody, SeenAnnouncementsBody, UpdateAnnouncementBody } from "./schemas";
import { pendingCsv } from "./reachCsv";
import { deliveredOr503, requireDelivery } from "./deliveryGate";

export function registerAnnouncementRoutes(router: Router, services: Services): void {
  const { announcements } = services;
  const caller = async (ctx: RouteContext) => announcementUser(await services.auth.authenticate(ctx.req));
  // The reports come in storms (every tab at once): the session is answered from the recent-callers
  // memory, which a sign-out or deactivation clears at once on every instance (auth.ts).
  const reporter = async (ctx: RouteContext) => announcementUser(await services.auth.authenticateRecent(ctx.req));
  // Administration needs a session: an access token never carries admin powers (auth/scopes.ts),
  // except that creating and revoking may take an administrator's `announcements:write` token.
  const admin = async (ctx: RouteContext, need: Access = "session") => {
    const who = await services.auth.authenticate(ctx.req);
    if (who) requireAccess(who, need);
    return assertAdmin(who?.user ?? null);
  };
  const announcementId = (ctx: RouteContext) => {
    try {
      return idParam(ctx, "id");
    } catch {
      throw notFound("Announcement");
    }
  };

  router.on("GET", "/api/admin/announcements", async (ctx) => {
    await admin(ctx);
    return { body: { announcements: await announcements.list() } };
  });

  router.on("POST", "/api/admin/announcements", async (ctx) => {
    const user = await admin(ctx, "announcements:write");
    const input = await parseBody(ctx, CreateAnnouncementBody);
    await requireDelivery(services.redis);
    return { status: 201, body: await deliveredOr503(() => announcements.create(user, input)) };
  });

  router.on("PATCH", "/api/admin/announcements/:id", async (ctx) => {
    await admin(ctx);
    const id = announcementId(ctx);
    const input = await parseBody(ctx, UpdateAnnouncementBody);
    await requireDelivery(services.redis);
    return { body: await deliveredOr503(() => announcements.update(id, input)) };
  });

  router.on("DELETE", "/api/admin/announcements/:id", async (ctx) => {
    await admin(ctx, "announcements:write");
    await requireDelivery(services.redis);
    return { body: await deliveredOr503(() => announcements.revoke(announcementId(ctx))) };
  });

  router.on("GET", "/api/admin/announcements/:id/reach", async (ctx) => {
    await admin(ctx);
    const reach = await announcements.reach(announcementId(ctx));
    if (ctx.url.searchParams.get("format") === "csv") return void sendCsv(ctx, reach.pending);
    return { body: reach };
  });

  router.on("GET", "/api/admin/announcements/:id/reach.csv", async (ctx) => {
    await admin(ctx);
    sendCsv(ctx, (await announcements.reach(announcementId(ctx))).pending);
  });

  router.on("POST", "/api/admin/announcements/:id/remind", async (ctx) => {
    await admin(ctx);
    await requireDelivery(services.redis);
    return { body: await deliveredOr503(() => announcements.remind(announcementId(ctx))) };
  });

  router.on("GET", "/api/announcements", async (ctx) => {
    const path = ctx.url.searchParams.get("path");
    return { body: { announcements: await announcements.activeFor(await caller(ctx), path) } };
  });

  // Signed-out visitors keep their dismissals in localStorage; there is no one to store them for.
  router.on("POST", "/api/announcements/:id/dismiss", async (ctx) => {
    const user = await reporter(ctx);
    if (!user) throw unauthorized();
    await announcements.dismiss(user, announcementId(ctx));
    return { status: 204 };
  });

  // "I have read this". Signed-out visitors see such an announcement as an ordinary banner: no one to record it for.
  router.on("POST", "/api/announcements/:id/ack", async (ctx) => {
    const user = await reporter(ctx);
    if (!user) throw unauthorized();
    await announcements.acknowledge(user, announcementId(ctx));
    return { status: 204 };
  });

  // The browser's one batched report of what it showed in a visible tab; repeats are ignored (per account).
  // Answered once the report is stored (seenBatch.ts), so a 204 survives a restart.
  router.on("POST", "/api/announcements/seen", async (ctx) => {
    const user = await reporter(ctx);
    if (!user) throw unauthorized();
    const { ids } = await parseBody(ctx, SeenAnnouncementsBody);
    await announcements.markSeen(user, ids);
    return { status: 204 };
  });
}

function sendCsv({ res }: RouteContext, pending: Parameters<typeof pendingCsv>[0]): void {
  res.writeHead(200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="not-acknowledged.csv"',
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(pendingCsv(pending));
}
