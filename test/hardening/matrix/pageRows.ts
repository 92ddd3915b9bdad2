// The authorization table's rows for nested pages: members see the main document in their tree and
// read breadcrumbs; writers make sub-pages; only a page's owner (or an ancestor's) moves it, and only
// its owner switches inheritance. Each changing cell works on a fresh page and checks what really changed.
import type { Row } from "./cells";
import { dead, http, members, outsider, tokens, writers } from "./cells";
import type { Outcome, Probe } from "./probe";
import { httpOutcome, NEEDS_WRITE, SESSION_ONLY } from "./refusal";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };

/** A sub-page of a scratch document (the editor and viewer inherit); after: whether it still sits there. */
async function subpageTarget(p: Probe, changedOn: Outcome, changed: (row: { parentId: string | null; inheritAccess: boolean }) => boolean): Promise<Target> {
  const parentId = await p.w.scratchDoc("Matrix parent");
  const sub = await p.w.services.pages.createSubpage(p.w.users.owner, "Matrix sub-page", parentId);
  return {
    path: { id: sub.id },
    check: async (outcome) => {
      const row = await p.w.services.db.document.findUniqueOrThrow({ where: { id: sub.id }, select: { parentId: true, inheritAccess: true } });
      const did = changed(row);
      return did === (outcome === changedOn) ? outcome : `${outcome} but the page ${did ? "changed" : "did not change"}`;
    },
  };
}

export const PAGE_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/pages/tree",
    perform: async (p, role) => {
      const res = await p.http("GET", "/api/pages/tree", role);
      if (res.status !== 200) return res.status;
      return res.body.pages.some((d: { id: string }) => d.id === p.w.mainDocId) ? "200 listed" : "200 unlisted";
    },
    expect: { ...dead(401), ...outsider("200 unlisted"), ...members("200 listed"), ...tokens("200 listed") },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/breadcrumbs",
    perform: http("GET", "/api/documents/:id/breadcrumbs"),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "POST /api/documents {parentId}",
    covers: "POST /api/documents",
    // A sub-page of the main document: its writers may, its viewer may not, strangers learn nothing.
    perform: async (p, role) => {
      const count = () => p.w.services.db.document.count({ where: { parentId: p.w.mainDocId } });
      const before = await count();
      const res = await p.http("POST", "/api/documents", role, { title: "Matrix sub-page", parentId: p.w.mainDocId });
      const outcome = httpOutcome(res);
      const made = (await count()) > before;
      return made === (outcome === 201) ? outcome : `${outcome} but a sub-page was ${made ? "made" : "not made"}`;
    },
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(201), ...tokens(NEEDS_WRITE, 201) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/move",
    // To the top level: the page's owner only (the editor inherits editing, not the right to move it).
    perform: http("POST", "/api/documents/:id/move", {
      body: () => ({ parentId: null }),
      setup: (p) => subpageTarget(p, 200, (row) => row.parentId === null),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, readToken: NEEDS_WRITE, writeToken: 403 },
  },
  {
    channel: "http",
    action: "PATCH /api/documents/:id/access",
    perform: http("PATCH", "/api/documents/:id/access", {
      body: () => ({ inheritAccess: false }),
      setup: (p) => subpageTarget(p, 200, (row) => !row.inheritAccess),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
];
