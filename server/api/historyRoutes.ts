// /api/documents/:id/versions… and /api/documents/:id/compare: a document's version history
// (server/history/history.ts decides who may do what). Reading needs documents:read, naming and
// restoring documents:write, like editing; deleting a version needs a session, like deleting a document.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { parseBody, requireUser, idParam } from "./context";
import { fromZod } from "../domain/errors";
import {
  CompareQuery,
  CopyVersionBody,
  CreateVersionBody,
  RenameVersionBody,
  type CompareResponse,
  type RestoreVersionResponse,
  type Version,
  type VersionContentResponse,
  type VersionListResponse,
} from "../../lib/contracts/history";
import type { ListedDocument } from "../../lib/contracts/documents";

export function registerHistoryRoutes(router: Router, services: Services): void {
  const { history } = services;

  router.on("GET", "/api/documents/:id/versions", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { versions: await history.list(user, idParam(ctx, "id")) } satisfies VersionListResponse };
  });

  router.on("POST", "/api/documents/:id/versions", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const id = idParam(ctx, "id");
    const { name } = await parseBody(ctx, CreateVersionBody);
    return { status: 201, body: (await history.name(user, id, name)) satisfies Version };
  });

  router.on("GET", "/api/documents/:id/versions/:versionId", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: (await history.view(user, idParam(ctx, "id"), idParam(ctx, "versionId"))) satisfies VersionContentResponse };
  });

  router.on("PATCH", "/api/documents/:id/versions/:versionId", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const id = idParam(ctx, "id");
    const { name } = await parseBody(ctx, RenameVersionBody);
    return { body: (await history.rename(user, id, idParam(ctx, "versionId"), name)) satisfies Version };
  });

  router.on("DELETE", "/api/documents/:id/versions/:versionId", async (ctx) => {
    const user = await requireUser(services, ctx);
    await history.remove(user, idParam(ctx, "id"), idParam(ctx, "versionId"));
    return { status: 204 };
  });

  router.on("POST", "/api/documents/:id/versions/:versionId/restore", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const restorePoint = await history.restore(user, idParam(ctx, "id"), idParam(ctx, "versionId"));
    return { body: { restorePoint } satisfies RestoreVersionResponse };
  });

  router.on("POST", "/api/documents/:id/versions/:versionId/copy", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const id = idParam(ctx, "id");
    const { title } = await parseBody(ctx, CopyVersionBody);
    return { status: 201, body: (await history.copy(user, id, idParam(ctx, "versionId"), title)) satisfies ListedDocument };
  });

  router.on("GET", "/api/documents/:id/compare", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    const id = idParam(ctx, "id");
    const parsed = CompareQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
    if (!parsed.success) throw fromZod(parsed.error);
    return { body: (await history.compare(user, id, parsed.data.from, parsed.data.to)) satisfies CompareResponse };
  });
}
