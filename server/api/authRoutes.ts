// /api/auth/*, /api/me and /api/tokens: accounts, sessions and personal access tokens. Only a session
// manages tokens (an access token cannot mint, list or revoke any), see server/auth/scopes.ts.
import type { Router, RouteContext } from "../http/router";
import type { Services } from "../services";
import { clearSessionCookie, parseCookies, SESSION_COOKIE, sessionCookie } from "../http/cookies";
import { notFound } from "../domain/errors";
import { SESSION_TTL_SECONDS } from "../auth/auth";
import { clientAddress } from "../http/clientAddress";
import { isLocalProcess } from "../auth/throttle";
import { parseBody, requireUser, idParam } from "./context";
import { CreateTokenBody, LoginBody, SignupBody } from "./schemas";
import type { UserResponse } from "../../lib/contracts/auth";

export function registerAuthRoutes(router: Router, services: Services): void {
  const { auth, config } = services;
  const cookieFor = (token: string) => sessionCookie(token, SESSION_TTL_SECONDS, config.secureCookies);
  // Behind a proxy without TRUST_PROXY every visitor has the proxy's address: one visitor's failures
  // would then use up everyone's sign-in budget. Said once, when the first such request comes.
  let warnedAboutProxy = false;
  const addressOf = (ctx: RouteContext) => {
    if (!warnedAboutProxy && config.trustProxy === 0 && ctx.req.headers["x-forwarded-for"] !== undefined) {
      warnedAboutProxy = true;
      services.log.warn(
        "requests carry X-Forwarded-For but TRUST_PROXY is 0: sign-in limits count all of them as the proxy's address; set TRUST_PROXY to the number of proxies",
      );
    }
    return clientAddress(ctx.req, config);
  };

  router.on("POST", "/api/auth/signup", async (ctx) => {
    const body = await parseBody(ctx, SignupBody);
    const user = await auth.signup(body, isLocalProcess(ctx.req, config) ? null : addressOf(ctx));
    if (!user.isAdmin && config.adminEmails.includes(user.email)) {
      services.log.warn(
        { userId: user.id },
        "an ADMIN_EMAILS address signed up over the network and was NOT made administrator (its email is not verified); " +
          "if that account is yours, run `node --import tsx server/auth/adminCli.ts grant <email>` on the server",
      );
    }
    // Shared with this email before the account existed: those documents are its own now.
    await services.invitations.honour(user);
    const token = await auth.createSession(user.id, ctx.req.headers["user-agent"]);
    return { status: 201, body: { user } satisfies UserResponse, headers: { "Set-Cookie": cookieFor(token) } };
  });

  router.on("POST", "/api/auth/login", async (ctx) => {
    const body = await parseBody(ctx, LoginBody);
    const user = await auth.login(body, addressOf(ctx));
    const token = await auth.createSession(user.id, ctx.req.headers["user-agent"]);
    return { body: { user } satisfies UserResponse, headers: { "Set-Cookie": cookieFor(token) } };
  });

  router.on("POST", "/api/auth/logout", async (ctx) => {
    const token = parseCookies(ctx.req.headers.cookie).get(SESSION_COOKIE);
    if (token) await services.bus.publish({ type: "credential.revoked", credentialId: await auth.endSession(token) });
    return { status: 204, headers: { "Set-Cookie": clearSessionCookie(config.secureCookies) } };
  });

  // Any token may ask whose it is (scripts check that first).
  router.on("GET", "/api/me", async (ctx) => ({ body: { user: await requireUser(services, ctx, "documents:read") } satisfies UserResponse }));

  router.on("GET", "/api/tokens", async (ctx) => {
    const user = await requireUser(services, ctx);
    return { body: { tokens: await auth.listAccessTokens(user.id) } };
  });

  router.on("POST", "/api/tokens", async (ctx) => {
    const user = await requireUser(services, ctx);
    const { name, scopes } = await parseBody(ctx, CreateTokenBody);
    // The token itself is shown once, here; only its hash is stored.
    return { status: 201, body: { token: await auth.createAccessToken(user.id, name, scopes) } };
  });

  router.on("DELETE", "/api/tokens/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    const credentialId = await auth.revokeAccessToken(user.id, idParam(ctx, "id"));
    if (!credentialId) throw notFound("Token");
    await services.bus.publish({ type: "credential.revoked", credentialId });
    return { status: 204 };
  });
}
