// GET /s/<token> is a page, but whether its link works decides the status: a dead one (revoked,
// expired, unknown, in the trash) is a 404. The check is made here, where the services are, and told
// to the page in a request header (which a browser's own copy of it never survives). The lookup is
// the rate-limited one, so the landing page cannot be used to guess tokens faster than the API.
import type { IncomingMessage } from "node:http";
import { LINK_LANDING_HEADER } from "../../lib/contracts/shareLinks";
import type { LinkCredentials } from "../auth/linkCredential";

const LANDING = /^\/s\/([^/]+)\/?$/;

/**
 * Every other page goes on at once (undefined, no await): a page handed to Next in the same turn as
 * its request keeps what it wrote before failing (server/app.ts's last resort closes the socket).
 */
export function markLinkLanding(req: IncomingMessage, pathname: string, links: LinkCredentials): Promise<void> | undefined {
  delete req.headers[LINK_LANDING_HEADER];
  const token = req.method === "GET" ? LANDING.exec(pathname)?.[1] : undefined;
  if (token === undefined) return undefined;
  // Rate-limited: the page opens and its own call to /api/links/open says so.
  return links.lookup(req, token).then(
    (link) => {
      if (link === null) req.headers[LINK_LANDING_HEADER] = "dead";
    },
    () => undefined,
  );
}
