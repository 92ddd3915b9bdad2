// /api/auth/*, /api/me and /api/tokens: accounts, sessions and personal access tokens.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { clearSessionCookie, parseCookies, SESSION_COOKIE, sessionCookie } from "../http/cookies";
import { notFound } from "../http/errors";
import { SESSION_TTL_SECONDS } from "../auth/auth";
import { parseBody, requireUser, idParam } from "./context";
import { CreateTokenBody, LoginBody, SignupBody } from "./schemas";

export function registerAuthRoutes(router: Router, services: Services): void {
  const { auth, config } = services;
  const cookieFor = (token: string) => sessionCookie(token, SESSION_TTL_SECONDS, config.secureCookies);

  router.on("POST", "/api/auth/signup", async (ctx) => {
    const body = await parseBody(ctx, SignupBody);
    const user = await auth.signup(body);
    const token = await auth.createSession(user.id);
    return { status: 201, body: { user }, headers: { "Set-Cookie": cookieFor(token) } };
  });

  router.on("POST", "/api/auth/login", async (ctx) => {
    const body = await parseBody(ctx, LoginBody);
    const user = await auth.login(body, ctx.req.socket.remoteAddress ?? "unknown");
    const token = await auth.createSession(user.id);
    return { body: { user }, headers: { "Set-Cookie": cookieFor(token) } };
  });

  router.on("POST", "/api/auth/logout", async (ctx) => {
    const token = parseCookies(ctx.req.headers.cookie).get(SESSION_COOKIE);
    if (token) await services.bus.publish({ type: "credential.revoked", credentialId: await auth.endSession(token) });
    return { status: 204, headers: { "Set-Cookie": clearSessionCookie(config.secureCookies) } };
  });

  router.on("GET", "/api/me", async (ctx) => ({ body: { user: await requireUser(services, ctx) } }));

  router.on("GET", "/api/tokens", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { tokens: await auth.listAccessTokens(user.id) } };
  });

  router.on("POST", "/api/tokens", async (ctx) => {
    const user = await requireUser(services, ctx);
    const { name } = await parseBody(ctx, CreateTokenBody);
    // The token itself is shown once, here; only its hash is stored.
    return { status: 201, body: { token: await auth.createAccessToken(user.id, name) } };
  });

  router.on("DELETE", "/api/tokens/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    const credentialId = await auth.revokeAccessToken(user.id, idParam(ctx, "id"));
    if (!credentialId) throw notFound("Token");
    await services.bus.publish({ type: "credential.revoked", credentialId });
    return { status: 204 };
  });
}
