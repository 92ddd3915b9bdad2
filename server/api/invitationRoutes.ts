// Invitations: the owner's list, resend and cancel under /api/documents/:id/invitations, and the
// link's own endpoints under /api/invitations/:token (reading needs no account; accepting does).
// Creating one is POST /api/documents/:id/members with an email that has no account (documentRoutes.ts).
import type { IncomingMessage } from "node:http";
import type { Router, RouteContext } from "../http/router";
import type { Services } from "../services";
import type { Config } from "../config";
import { notFound } from "../domain/errors";
import { idParam, requireUser } from "./context";
import {
  InvitationToken,
  type AcceptedInvitation,
  type InvitationCreated,
  type InvitationListResponse,
  type InvitationView,
} from "../../lib/contracts/invitations";

export function registerInvitationRoutes(router: Router, services: Services): void {
  const { invitations, config } = services;

  router.on("GET", "/api/documents/:id/invitations", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { invitations: await invitations.list(user, idParam(ctx, "id")) } satisfies InvitationListResponse };
  });

  router.on("POST", "/api/documents/:id/invitations/:invitationId/resend", async (ctx) => {
    const user = await requireUser(services, ctx);
    const sent = await invitations.resend(user, idParam(ctx, "id"), idParam(ctx, "invitationId"), linkOrigin(ctx.req, config));
    return { body: sent satisfies InvitationCreated };
  });

  router.on("DELETE", "/api/documents/:id/invitations/:invitationId", async (ctx) => {
    const user = await requireUser(services, ctx);
    await invitations.cancel(user, idParam(ctx, "id"), idParam(ctx, "invitationId"));
    return { status: 204 };
  });

  router.on("GET", "/api/invitations/:token", async (ctx) => ({ body: (await invitations.view(tokenParam(ctx))) satisfies InvitationView }));

  router.on("POST", "/api/invitations/:token/accept", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: (await invitations.accept(user, tokenParam(ctx))) satisfies AcceptedInvitation };
  });
}

/** Where invitation links point: PUBLIC_URL when set, else the origin the owner's page was loaded from. */
export function linkOrigin(req: IncomingMessage, config: Pick<Config, "publicUrl">): string {
  if (config.publicUrl) return config.publicUrl.origin;
  const origin = req.headers.origin;
  if (typeof origin === "string" && /^https?:\/\/[^/\s]+$/.test(origin)) return origin;
  return `http://${req.headers.host ?? "localhost"}`;
}

function tokenParam(ctx: RouteContext): string {
  const parsed = InvitationToken.safeParse(ctx.params.token);
  if (!parsed.success) throw notFound("Invitation");
  return parsed.data;
}
