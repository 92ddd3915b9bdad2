// /api/admin/people: the administrators' People page. Sessions only (an access token never
// administers), and the domain refuses anyone who is not an administrator.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { fromZod } from "../domain/errors";
import { idParam, parseBody, requireUser } from "./context";
import { PeopleQuery, UpdatePersonBody, type PeopleListResponse, type PersonResponse } from "../../lib/contracts/people";

export function registerPeopleRoutes(router: Router, services: Services): void {
  router.on("GET", "/api/admin/people", async (ctx) => {
    const user = await requireUser(services, ctx);
    const query = PeopleQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
    if (!query.success) throw fromZod(query.error);
    return { body: { people: await services.people.list(user, query.data) } satisfies PeopleListResponse };
  });

  router.on("PATCH", "/api/admin/people/:id", async (ctx) => {
    const user = await requireUser(services, ctx);
    const id = idParam(ctx, "id");
    const change = await parseBody(ctx, UpdatePersonBody);
    return { body: { person: await services.people.update(user, id, change) } satisfies PersonResponse };
  });
}
