// The dashboard's shortcuts: star and unstar a document, list Favourites and Recently opened
// (server/domain/shortcuts.ts). Starring needs a session; the lists read like the documents list
// (documents:read), in its shape. Opening is recorded by GET /api/documents/:id (documentRoutes.ts).
import type { Router } from "../http/router";
import type { Services } from "../services";
import { idParam, requireUser } from "./context";
import type { ShortcutListResponse } from "../../lib/contracts/shortcuts";

export function registerShortcutRoutes(router: Router, services: Services): void {
  const { shortcuts } = services;

  router.on("PUT", "/api/documents/:id/favourite", async (ctx) => {
    const user = await requireUser(services, ctx);
    await shortcuts.favourite(user, idParam(ctx, "id"));
    return { status: 204 };
  });

  router.on("DELETE", "/api/documents/:id/favourite", async (ctx) => {
    const user = await requireUser(services, ctx);
    await shortcuts.unfavourite(user, idParam(ctx, "id"));
    return { status: 204 };
  });

  router.on("GET", "/api/me/favourites", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { documents: await shortcuts.favourites(user) } satisfies ShortcutListResponse };
  });

  router.on("GET", "/api/me/recent", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { documents: await shortcuts.recent(user) } satisfies ShortcutListResponse };
  });
}
