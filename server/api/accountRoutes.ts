// One's own account (/settings) and password resets: PATCH /api/me (name), PUT /api/me/email (a
// confirmation link to the new address; GET/DELETE /api/me/email, POST /api/me/email/resend, and the
// link's GET|POST /api/auth/email-change/:token) and PUT /api/me/password (the current password required), the signed-in sessions under
// /api/me/sessions, "Forgot password?" (POST /api/auth/forgot-password, always 202 and the same
// words), the reset link's page (GET|POST /api/auth/reset/:token), and an administrator's reset link
// for a person (POST /api/admin/people/:id/reset-link). All of it needs a session, except the reset
// pages, whose link is the credential.
import type { Router, RouteContext } from "../http/router";
import type { Services } from "../services";
import { DomainError, notFound } from "../domain/errors";
import { EMAIL_LINK_USED } from "../auth/emailChanges";
import { clientAddress } from "../http/clientAddress";
import { idParam, parseBody, requireCaller, requireUser } from "./context";
import { linkOrigin } from "./invitationRoutes";
import {
  ChangeEmailBody,
  ChangePasswordBody,
  FORGOT_PASSWORD_ANSWER,
  ForgotPasswordBody,
  ResetPasswordBody,
  ResetToken,
  UpdateMeBody,
  type EmailChangedResponse,
  type EmailChangeResponse,
  type EmailChangeView,
  type ResetLinkResponse,
  type ResetView,
  type SessionListResponse,
} from "../../lib/contracts/account";
import type { UserResponse } from "../../lib/contracts/auth";

export function registerAccountRoutes(router: Router, services: Services): void {
  const { account, passwordResets, emailChanges, config } = services;
  const addressOf = (ctx: RouteContext) => clientAddress(ctx.req, config);

  router.on("PATCH", "/api/me", async (ctx) => {
    const user = await requireUser(services, ctx);
    const { name } = await parseBody(ctx, UpdateMeBody);
    return { body: { user: await account.rename(user, name) } satisfies UserResponse };
  });

  // The email changes when the link mailed to the new address is followed (server/auth/emailChanges.ts).
  router.on("GET", "/api/me/email", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: (await emailChanges.pending(user)) satisfies EmailChangeResponse };
  });

  router.on("PUT", "/api/me/email", async (ctx) => {
    const user = await requireUser(services, ctx);
    const body = await parseBody(ctx, ChangeEmailBody);
    return { status: 202, body: (await emailChanges.request(user, body, linkOrigin(ctx.req, config), addressOf(ctx))) satisfies EmailChangeResponse };
  });

  router.on("POST", "/api/me/email/resend", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { status: 202, body: (await emailChanges.resend(user, linkOrigin(ctx.req, config))) satisfies EmailChangeResponse };
  });

  router.on("DELETE", "/api/me/email", async (ctx) => {
    const user = await requireUser(services, ctx);
    await emailChanges.cancel(user);
    return { status: 204 };
  });

  // The confirmation link's page: the link is the credential (it reached the new address).
  router.on("GET", "/api/auth/email-change/:token", async (ctx) => ({
    body: (await emailChanges.viewLink(emailTokenParam(ctx))) satisfies EmailChangeView,
  }));

  router.on("POST", "/api/auth/email-change/:token", async (ctx) => ({
    body: (await emailChanges.confirm(emailTokenParam(ctx))) satisfies EmailChangedResponse,
  }));

  router.on("PUT", "/api/me/password", async (ctx) => {
    const caller = await requireCaller(services, ctx);
    const body = await parseBody(ctx, ChangePasswordBody);
    await account.changePassword(caller, body, addressOf(ctx));
    return { status: 204 };
  });

  router.on("GET", "/api/me/sessions", async (ctx) => {
    const caller = await requireCaller(services, ctx);
    return { body: { sessions: await account.sessions(caller) } satisfies SessionListResponse };
  });

  router.on("DELETE", "/api/me/sessions/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    await account.endSession(user.id, idParam(ctx, "id"));
    return { status: 204 };
  });

  // "Sign out everywhere else": every session of the account but this one.
  router.on("DELETE", "/api/me/sessions", async (ctx) => {
    const caller = await requireCaller(services, ctx);
    return { body: { ended: await account.endSessions(caller.user.id, caller.credentialId) } };
  });

  router.on("POST", "/api/auth/forgot-password", async (ctx) => {
    const { email } = await parseBody(ctx, ForgotPasswordBody);
    await passwordResets.request(email, linkOrigin(ctx.req, config), addressOf(ctx));
    return { status: 202, body: { message: FORGOT_PASSWORD_ANSWER } };
  });

  router.on("GET", "/api/auth/reset/:token", async (ctx) => ({ body: (await passwordResets.view(tokenParam(ctx))) satisfies ResetView }));

  router.on("POST", "/api/auth/reset/:token", async (ctx) => {
    const token = tokenParam(ctx);
    const { password } = await parseBody(ctx, ResetPasswordBody);
    await passwordResets.complete(token, password);
    return { status: 204 };
  });

  router.on("POST", "/api/admin/people/:id/reset-link", async (ctx) => {
    const user = await requireUser(services, ctx);
    const link = await passwordResets.createByAdmin(user, idParam(ctx, "id"), linkOrigin(ctx.req, config));
    return { status: 201, body: link satisfies ResetLinkResponse };
  });
}

function tokenParam(ctx: RouteContext): string {
  const parsed = ResetToken.safeParse(ctx.params.token);
  if (!parsed.success) throw notFound("Reset link");
  return parsed.data;
}

function emailTokenParam(ctx: RouteContext): string {
  const parsed = ResetToken.safeParse(ctx.params.token); // the same shape of random token
  if (!parsed.success) throw new DomainError("not_found", EMAIL_LINK_USED);
  return parsed.data;
}
