// Rows of the authorization table for share links: only the document's owner, with a session, makes,
// lists, changes and revokes them; opening one (/s/<token> calls POST /api/links/open) is for anyone
// holding its token. Each destructive cell works on a fresh link and checks what really happened.
import { dead, everyone, http, madeCheck, outsider, tokens, type Row } from "./cells";
import type { Outcome, Probe } from "./probe";
import { SESSION_ONLY } from "./refusal";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };

/** A fresh view link on the main document, made by its owner. */
async function freshLink(p: Probe) {
  const link = await p.w.services.shareLinks.create(p.w.users.owner, p.w.mainDocId, { role: "viewer" }, "http://matrix");
  return { id: link.id, token: link.url.split("/s/")[1] };
}

function linkTarget(changedOn: Outcome, changed: (row: { role: string; revokedAt: Date | null } | null) => boolean) {
  return async (p: Probe): Promise<Target> => {
    const { id } = await freshLink(p);
    return {
      path: { id: p.w.mainDocId, linkId: id },
      check: async (outcome) => {
        const row = await p.w.services.db.shareLink.findUnique({ where: { id }, select: { role: true, revokedAt: true } });
        const did = changed(row);
        return did === (outcome === changedOn) ? outcome : `${outcome} but the link ${did ? "changed" : "did not change"}`;
      },
    };
  };
}

/** The token of the link the open cell uses (one per world, made at first use). */
const openTokens = new WeakMap<object, Promise<string>>();
const openToken = (p: Probe) => {
  if (!openTokens.has(p.w))
    openTokens.set(
      p.w,
      freshLink(p).then((l) => l.token),
    );
  return openTokens.get(p.w)!;
};

const ownerOnly = (ok: Outcome) => ({ ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: ok, ...tokens(SESSION_ONLY) });

export const SHARE_LINK_ROWS: Row[] = [
  { channel: "http", action: "GET /api/documents/:id/links", perform: http("GET", "/api/documents/:id/links"), expect: ownerOnly(200) },
  {
    channel: "http",
    action: "POST /api/documents/:id/links",
    perform: http("POST", "/api/documents/:id/links", {
      body: () => ({ role: "viewer" }),
      setup: async (p) => ({ ...(await madeCheck((q) => q.w.services.db.shareLink.count(), 201, "a link")(p)), path: { id: p.w.mainDocId } }),
    }),
    expect: ownerOnly(201),
  },
  {
    channel: "http",
    action: "PATCH /api/documents/:id/links/:linkId",
    perform: http("PATCH", "/api/documents/:id/links/:linkId", { body: () => ({ role: "editor" }), setup: linkTarget(200, (r) => r?.role === "editor") }),
    expect: ownerOnly(200),
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id/links/:linkId",
    perform: http("DELETE", "/api/documents/:id/links/:linkId", { setup: linkTarget(204, (r) => r?.revokedAt != null) }),
    expect: ownerOnly(204),
  },
  {
    channel: "http",
    action: "POST /api/links/open",
    // The token is the credential: whoever holds it opens the link, signed in or not.
    perform: async (p, role) => {
      const token = await openToken(p);
      return (await p.http("POST", "/api/links/open", role, { token })).status;
    },
    expect: everyone(200),
  },
];
