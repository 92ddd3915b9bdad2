// Share links: /api/documents/:id/links (the owner makes, lists, changes and revokes them; a session
// only, never an access token) and POST /api/links/open (what /s/<token> calls: checks the token,
// sets the link cookie the live channels read, says which document it opens and with what role).
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { parseBody, requireUser, idParam } from "./context";
import {
  ChangeLinkBody,
  CreateLinkBody,
  DEAD_LINK_MESSAGE,
  OpenLinkBody,
  type OpenedLink,
  type ShareLink,
  type ShareLinkListResponse,
} from "../../lib/contracts/shareLinks";
import type { ListedDocument } from "../../lib/contracts/documents";
import { DomainError } from "../domain/errors";
import { summary } from "../domain/documents";
import { linkCookie } from "../auth/linkCredential";

/** Where links point: PUBLIC_URL when set, else the origin the owner's browser is on. */
function linkOrigin(services: Services, ctx: RouteContext): string {
  if (services.config.publicUrl) return services.config.publicUrl.origin;
  const origin = ctx.req.headers.origin;
  if (origin && /^https?:\/\/[^/]+$/.test(origin)) return origin;
  return `http://${ctx.req.headers.host ?? "localhost"}`;
}

/**
 * GET /api/documents/:id for someone who reaches it through a link they carry (the link cookie), or
 * null when they do not (the ordinary member route answers then).
 */
export async function documentThroughLink(services: Services, ctx: RouteContext, documentId: string): Promise<ListedDocument | null> {
  const caller = await services.auth.authenticate(ctx.req);
  const memberRole = caller ? await services.documents.roleOf(caller.user.id, documentId) : null;
  const entry = await services.links.entry(memberRole, ctx.req, documentId);
  if (entry.kind !== "link") return null;
  const doc = await services.db.document.findUnique({ where: { id: documentId }, include: { owner: { select: { name: true } } } });
  return doc ? { ...summary(doc), role: entry.role } : null;
}

export function registerShareLinkRoutes(router: Router, services: Services): void {
  const { shareLinks } = services;

  router.on("GET", "/api/documents/:id/links", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { links: await shareLinks.list(user, idParam(ctx, "id"), linkOrigin(services, ctx)) } satisfies ShareLinkListResponse };
  });

  router.on("POST", "/api/documents/:id/links", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const input = await parseBody(ctx, CreateLinkBody);
    return { status: 201, body: (await shareLinks.create(user, id, input, linkOrigin(services, ctx))) satisfies ShareLink };
  });

  router.on("PATCH", "/api/documents/:id/links/:linkId", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const { role } = await parseBody(ctx, ChangeLinkBody);
    return { body: (await shareLinks.changeRole(user, id, idParam(ctx, "linkId"), role, linkOrigin(services, ctx))) satisfies ShareLink };
  });

  router.on("DELETE", "/api/documents/:id/links/:linkId", async (ctx) => {
    const user = await requireUser(services, ctx);
    await shareLinks.revoke(user, idParam(ctx, "id"), idParam(ctx, "linkId"));
    return { status: 204 };
  });

  // Anyone may call it (a guest has no account): the token is the credential. Rate-limited by failures.
  router.on("POST", "/api/links/open", async (ctx) => {
    const { token } = await parseBody(ctx, OpenLinkBody);
    const link = await services.links.lookup(ctx.req, token);
    // Revoked, expired, unknown and trashed all say the same: nothing tells them apart.
    if (!link) throw new DomainError("not_found", DEAD_LINK_MESSAGE);
    const caller = await services.auth.authenticate(ctx.req);
    const memberRole = caller ? await services.documents.roleOf(caller.user.id, link.documentId) : null;
    const role = memberRole === "owner" || (memberRole === "editor" && link.role === "viewer") ? memberRole : link.role;
    return {
      body: { ...(await shareLinks.pageList(link.documentId)), role, guest: caller === null } satisfies OpenedLink,
      headers: { "Set-Cookie": linkCookie(link.documentId, token, link.expiresAt, services.config.secureCookies) },
    };
  });
}
