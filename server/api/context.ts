// Helpers every API route uses: authenticate the caller, parse a body against a schema.
import type { z } from "zod";
import type { RouteContext } from "../http/router";
import type { Services } from "../services";
import type { AuthUser, Caller } from "../auth/auth";
import { readJsonBody } from "../http/body";
import { fromZod, notFound, unauthorized } from "../domain/errors";
import { Id } from "./schemas";
import { requireAccess, type Access } from "../auth/scopes";

/**
 * The signed-in account, when its credential allows `need`: by default a session only, so a route
 * is closed to access tokens unless it names the scope a token needs (server/auth/scopes.ts).
 */
export async function requireUser(services: Services, ctx: RouteContext, need: Access = "session"): Promise<AuthUser> {
  return (await requireCaller(services, ctx, need)).user;
}

/** As requireUser, with how the caller came in and its credential (Settings tells "this device" apart). */
export async function requireCaller(services: Services, ctx: RouteContext, need: Access = "session"): Promise<Caller> {
  const auth = await services.auth.authenticate(ctx.req);
  if (!auth) throw unauthorized();
  requireAccess(auth, need);
  return auth;
}

export async function parseBody<S extends z.ZodType>(ctx: RouteContext, schema: S): Promise<z.infer<S>> {
  const raw = await readJsonBody(ctx.req);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** A path id that is not even well-formed cannot name a visible document: 404, like any other. */
export function idParam(ctx: RouteContext, name: string): string {
  const parsed = Id.safeParse(ctx.params[name]);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
