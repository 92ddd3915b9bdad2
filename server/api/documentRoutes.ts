// /api/documents*: the dashboard's documents and their members. Access tokens may list, read, create
// and rename within their scopes; deleting a document and changing its members need a session.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { parseBody, requireUser, requireCaller, idParam } from "./context";
import { documentThroughLink } from "./shareLinkRoutes";
import { AddMemberBody, ChangeRoleBody, CreateDocumentBody, RenameDocumentBody } from "./schemas";
// Answers are checked against the shared response contracts at compile time (`satisfies`).
import type { DocumentListResponse, ListedDocument } from "../../lib/contracts/documents";
import type { Member, MemberListResponse } from "../../lib/contracts/members";
import type { AddMemberResponse } from "../../lib/contracts/invitations";
import { linkOrigin } from "./invitationRoutes";

export function registerDocumentRoutes(router: Router, services: Services): void {
  const { documents } = services;

  router.on("GET", "/api/documents", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { documents: await documents.list(user) } satisfies DocumentListResponse };
  });

  router.on("POST", "/api/documents", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const { title, parentId } = await parseBody(ctx, CreateDocumentBody);
    const created = parentId === undefined ? await documents.create(user, title) : await services.pages.createSubpage(user, title, parentId);
    return { status: 201, body: created satisfies ListedDocument };
  });

  router.on("GET", "/api/documents/:id", async (ctx) => {
    // Someone in through a share link (server/auth/linkCredential.ts) reads it with the link's role.
    const throughLink = await documentThroughLink(services, ctx, idParam(ctx, "id"));
    if (throughLink) return { body: throughLink };
    const caller = await requireCaller(services, ctx, "documents:read");
    const doc = await documents.get(caller.user, idParam(ctx, "id"));
    // The document page read it: "Recently opened" (a person in a browser; scripts with tokens do not count).
    if (caller.via === "cookie") await services.shortcuts.opened(caller.user.id, doc.id);
    return { body: doc satisfies ListedDocument };
  });

  router.on("PATCH", "/api/documents/:id", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const id = idParam(ctx, "id");
    const { title } = await parseBody(ctx, RenameDocumentBody);
    return { body: (await documents.rename(user, id, title)) satisfies ListedDocument };
  });

  router.on("DELETE", "/api/documents/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    await documents.remove(user, idParam(ctx, "id"));
    return { status: 204 };
  });

  router.on("GET", "/api/documents/:id/members", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    return { body: { members: await documents.members(user, idParam(ctx, "id")) } satisfies MemberListResponse };
  });

  router.on("POST", "/api/documents/:id/members", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const { email, role } = await parseBody(ctx, AddMemberBody);
    // An email without an account gets a pending invitation instead (server/domain/invitations.ts).
    const added = await services.invitations.addOrInvite(user, id, email, role, linkOrigin(ctx.req, services.config));
    return { status: 201, body: added satisfies AddMemberResponse };
  });

  router.on("PATCH", "/api/documents/:id/members/:userId", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const { role } = await parseBody(ctx, ChangeRoleBody);
    return { body: (await documents.changeRole(user, id, idParam(ctx, "userId"), role)) satisfies Member };
  });

  router.on("DELETE", "/api/documents/:id/members/:userId", async (ctx) => {
    const user = await requireUser(services, ctx);
    await documents.removeMember(user, idParam(ctx, "id"), idParam(ctx, "userId"));
    return { status: 204 };
  });
}
