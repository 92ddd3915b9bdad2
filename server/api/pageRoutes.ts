// Nested pages (lib/contracts/pages.ts): the caller's page tree, a page's breadcrumbs, moving a page
// and switching whether it shares its parent's members. Reading takes documents:read; moving needs
// documents:write; the sharing switch, like the member list's changes, needs a browser session.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { idParam, parseBody, requireUser } from "./context";
import { MovePageBody, PageAccessBody, type BreadcrumbsResponse, type PageNode, type PageTreeResponse } from "../../lib/contracts/pages";

export function registerPageRoutes(router: Router, services: Services): void {
  const { pages } = services;

  router.on("GET", "/api/pages/tree", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { pages: await pages.tree(user) } satisfies PageTreeResponse };
  });

  router.on("GET", "/api/documents/:id/breadcrumbs", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { crumbs: await pages.breadcrumbs(user, idParam(ctx, "id")) } satisfies BreadcrumbsResponse };
  });

  router.on("POST", "/api/documents/:id/move", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const id = idParam(ctx, "id");
    const { parentId, beforeId } = await parseBody(ctx, MovePageBody);
    return { body: (await pages.move(user, id, parentId, beforeId ?? null)) satisfies PageNode };
  });

  router.on("PATCH", "/api/documents/:id/access", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const { inheritAccess } = await parseBody(ctx, PageAccessBody);
    return { body: (await pages.setInheritAccess(user, id, inheritAccess)) satisfies PageNode };
  });
}
