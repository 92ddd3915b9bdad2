// GET /api/search?q=: the caller's documents matching the words, best first (server/search/).
// Access tokens with documents:read may search, like they may list and read documents.
import type { Router } from "../http/router";
import type { Services } from "../services";
import { requireUser } from "./context";
import { fromZod } from "../domain/errors";
import { SearchQuery, type SearchResponse } from "../../lib/contracts/search";

export function registerSearchRoutes(router: Router, services: Services): void {
  router.on("GET", "/api/search", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    const parsed = SearchQuery.safeParse({ q: ctx.url.searchParams.get("q") ?? undefined });
    if (!parsed.success) throw fromZod(parsed.error);
    return { body: { results: await services.search.search(user, parsed.data.q) } satisfies SearchResponse };
  });
}
