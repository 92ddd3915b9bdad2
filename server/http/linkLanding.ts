// GET /s/<token> is a page, but whether its link works decides the status: a dead one (revoked,
// expired, unknown, in the trash) is a 404. The check is made here, where the services are, and told
// to the page in a request header (which a browser's own copy of it never survives). The lookup is
// the rate-limited one, so the landing page cannot be used to guess tokens faster than the API.
import type { IncomingMessage } from "node:http";
import { LINK_LANDING_HEADER } from "../../lib/contracts/shareLinks";
import type { LinkCredentials } from "../auth/linkCredential";

const LANDING = /^\/s\/([^/]+)\/?$/;

export async function markLinkLanding(req: IncomingMessage, pathname: string, links: LinkCredentials): Promise<void> {
  delete req.headers[LINK_LANDING_HEADER];
  const token = req.method === "GET" ? LANDING.exec(pathname)?.[1] : undefined;
  if (token === undefined) return;
  // Rate-limited: the page opens and its own call to /api/links/open says so.
  const link = await links.lookup(req, token).catch(() => "unknown" as const);
  if (link === null) req.headers[LINK_LANDING_HEADER] = "dead";
}
