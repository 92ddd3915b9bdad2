// The trash (server/domain/trash.ts): the owner's list, what a trashed document's link may show its
// members, restore, delete for good, and the administrator's purge. Like deleting, these need a
// browser session: an access token never empties or restores anything.
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { requireUser, idParam } from "./context";
import type { PurgeResponse, RestoreResponse, TrashEntryResponse, TrashListResponse } from "../../lib/contracts/trash";

export function registerTrashRoutes(router: Router, services: Services): void {
  const { trash } = services;

  router.on("GET", "/api/trash", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { documents: await trash.list(user) } satisfies TrashListResponse };
  });

  router.on("GET", "/api/trash/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: (await trash.entry(user, idParam(ctx, "id"))) satisfies TrashEntryResponse };
  });

  const restore = async (ctx: RouteContext) => {
    const user = await requireUser(services, ctx);
    return { body: (await trash.restore(user, idParam(ctx, "id"))) satisfies RestoreResponse };
  };
  // The issue names /api/trash/:id/restore; /api/documents/:id/restore is the same action where the
  // document's own page looks for it.
  router.on("POST", "/api/trash/:id/restore", restore);
  router.on("POST", "/api/documents/:id/restore", restore);

  router.on("DELETE", "/api/trash/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    await trash.destroy(user, idParam(ctx, "id"));
    return { status: 204 };
  });

  router.on("DELETE", "/api/admin/trash", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { purged: await trash.purgeAll(user) } satisfies PurgeResponse };
  });
}
