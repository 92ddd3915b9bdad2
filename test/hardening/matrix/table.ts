// THE authorization table: every action on every channel, how a cell performs it, and what each role
// must get. matrix.test.ts turns each (row, role) into one test, and fails when the server registers an
// HTTP route or the socket.io contract names an event that no row covers.
//
// Outcomes: HTTP — the status (plus "listed"/"unlisted" for the document list; "403 session only" or
// "403 needs documents:write" when the scope gate refused a token, see refusal.ts); socket.io — "connected",
// "refused <code>", or an event's ack ("ok" or its error code; "refused" when the role cannot connect;
// "forbidden: needs documents:write" when the comment gate refused a token);
// collab — "open" or the close code, "applied"/"dropped" for edits, "relayed as self" for awareness;
// SSE — the viewer kind the stream greets, or which audiences' announcements arrive.
// A role missing from `expect` is not applicable to that row (no cell).
//
// readToken and writeToken are the editor's live access tokens with one scope each. Their rule
// (server/auth/scopes.ts): documents:read reads documents, members and comments and opens the collab
// socket read-only; documents:write also creates, renames and edits documents and writes comments;
// tokens, sharing, deleting documents and admin routes need a browser session, whatever the scope.
import { dead, tokens, viewerMembership, everyone, signedIn, outsider, members, writers, nonAdmins, fresh, http, madeCheck } from "./cells";
import type { Row } from "./cells";
import { NEEDS_ANNOUNCE, NEEDS_WRITE, SESSION_ONLY, httpOutcome } from "./refusal";
import { purgeTarget, trashTarget } from "./trashCells";
import { readImageCell, uploadImageCell } from "./imageCells";
import { REALTIME_ROWS } from "./realtimeRows";
import { HISTORY_ROWS } from "./historyRows";
import { EXCHANGE_ROWS } from "./exchangeRows";
import { SHARE_LINK_ROWS } from "./shareLinkCells";
import { PEOPLE_ROWS } from "./peopleRows";
import { ACCOUNT_ROWS } from "./accountRows";
import { ANNOUNCEMENT_FEED_ROWS } from "./announcementFeedRows";
import { PAGE_ROWS } from "./pageRows";
export type { Channel, Row } from "./cells";

/** An end time a minute away, so matrix announcements do not linger for the rows that follow. */
const soon = () => new Date(Date.now() + 60_000).toISOString();

export const TABLE: Row[] = [
  // ---------------- HTTP API ----------------
  {
    channel: "http",
    action: "POST /api/auth/signup",
    perform: http("POST", "/api/auth/signup", { body: () => ({ email: `signup-${fresh()}@example.com`, password: "correct horse battery", name: "New" }) }),
    expect: everyone(201),
  },
  {
    channel: "http",
    action: "POST /api/auth/login",
    perform: async (p, role) => {
      const { email, password } = await p.loginTarget();
      return (await p.http("POST", "/api/auth/login", role, { email, password })).status;
    },
    expect: everyone(200),
  },
  {
    channel: "http",
    action: "POST /api/auth/logout",
    // A live role logs out a second session of its own, so the shared credential stays alive for other cells.
    perform: async (p, role) => {
      const person = ({ nonMember: "nonMember", viewer: "viewer", editor: "editor", owner: "owner", admin: "admin" } as const)[role as "viewer"];
      if (role === "readToken" || role === "writeToken") {
        // A token has no session to end: nothing happens, and the token keeps working.
        const status = (await p.http("POST", "/api/auth/logout", role)).status;
        const after = (await p.http("GET", "/api/me", role)).status;
        return after === 200 ? status : `${status} but the token stopped working (${after})`;
      }
      if (!person) return (await p.http("POST", "/api/auth/logout", role)).status;
      const secret = await p.w.services.auth.createSession(p.w.users[person].id);
      const status = (await p.http("POST", "/api/auth/logout", { kind: "cookie", secret })).status;
      const after = (await p.http("GET", "/api/me", { kind: "cookie", secret })).status;
      return after === 401 ? status : `${status} but the session still works (${after})`;
    },
    expect: everyone(204),
  },
  { channel: "http", action: "GET /api/me", perform: http("GET", "/api/me"), expect: { ...dead(401), ...signedIn(200), ...tokens(200) } },
  {
    channel: "http",
    action: "GET /api/tokens",
    perform: http("GET", "/api/tokens"),
    expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/tokens",
    // A token that could mint tokens would outlive its own revocation (issue 12, item 10).
    perform: http("POST", "/api/tokens", {
      body: () => ({ name: "matrix", scopes: ["documents:read", "documents:write"] }),
      setup: madeCheck((p) => p.w.services.db.accessToken.count(), 201, "a token"),
    }),
    expect: { ...dead(401), ...signedIn(201), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/tokens/:id",
    // The target is the editor's token: only the editor may revoke it; for anyone else it does not exist.
    perform: http("DELETE", "/api/tokens/:id", {
      setup: async (p) => {
        const { id } = await p.w.services.auth.createAccessToken(p.w.users.editor.id, "target");
        return {
          path: { id },
          check: async (outcome) => {
            const exists = (await p.w.services.db.accessToken.count({ where: { id } })) === 1;
            return exists === (outcome === 204) ? `${outcome} but the token ${exists ? "survived" : "is gone"}` : outcome;
          },
        };
      },
    }),
    // The editor's own tokens may not revoke it (or themselves): token management needs a session.
    expect: { ...dead(401), ...nonAdmins(404), admin: 404, editor: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/documents",
    perform: async (p, role) => {
      const res = await p.http("GET", "/api/documents", role);
      if (res.status !== 200) return res.status;
      return res.body.documents.some((d: { id: string }) => d.id === p.w.mainDocId) ? "200 listed" : "200 unlisted";
    },
    expect: { ...dead(401), ...outsider("200 unlisted"), ...members("200 listed"), ...tokens("200 listed") },
  },
  {
    channel: "http",
    action: "GET /api/search",
    // Found by its title by its members only: the search query itself checks membership.
    perform: async (p, role) => {
      const res = await p.http("GET", "/api/search?q=matrix%20main", role);
      if (res.status !== 200) return res.status;
      return res.body.results.some((r: { id: string }) => r.id === p.w.mainDocId) ? "200 found" : "200 not found";
    },
    expect: { ...dead(401), ...outsider("200 not found"), ...members("200 found"), ...tokens("200 found") },
  },
  {
    channel: "http",
    action: "POST /api/documents",
    perform: http("POST", "/api/documents", {
      body: () => ({ title: "Matrix new" }),
      setup: madeCheck((p) => p.w.services.db.document.count(), 201, "a document"),
    }),
    expect: { ...dead(401), ...signedIn(201), ...tokens(NEEDS_WRITE, 201) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id",
    perform: http("GET", "/api/documents/:id"),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "PATCH /api/documents/:id",
    // A scratch document, so the check can see whether the title really changed.
    perform: http("PATCH", "/api/documents/:id", {
      body: () => ({ title: "Matrix renamed" }),
      setup: async (p) => {
        const id = await p.w.scratchDoc("Matrix to rename");
        return {
          path: { id },
          check: async (outcome) => {
            const renamed = (await p.w.services.db.document.findUnique({ where: { id } }))?.title === "Matrix renamed";
            return renamed === (outcome === 200) ? outcome : `${outcome} but the title ${renamed ? "changed" : "did not change"}`;
          },
        };
      },
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(200), ...tokens(NEEDS_WRITE, 200) },
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id",
    // Into the trash: the row stays, trashed (test/trash/ checks it is gone from every channel).
    perform: http("DELETE", "/api/documents/:id", { setup: trashTarget("live", "trashed", 204) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 204, ...tokens(SESSION_ONLY) },
  },
  // ---- document images: writers upload, members read, nobody else learns one exists ----
  {
    channel: "http",
    action: "POST /api/documents/:id/images",
    perform: uploadImageCell,
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(201), ...tokens(NEEDS_WRITE, 201) },
  },
  { channel: "http", action: "GET /api/images/:id", perform: readImageCell, expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) } },
  // ---- the trash: a session only; members of a trashed document may look at it, its owner acts ----
  { channel: "http", action: "GET /api/trash", perform: http("GET", "/api/trash"), expect: { ...dead(401), ...signedIn(200), ...tokens(SESSION_ONLY) } },
  {
    channel: "http",
    action: "GET /api/trash/:id",
    perform: http("GET", "/api/trash/:id", { setup: trashTarget("trashed", "trashed", 200) }),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/trash/:id/restore",
    perform: http("POST", "/api/trash/:id/restore", { setup: trashTarget("trashed", "live", 200) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/restore",
    perform: http("POST", "/api/documents/:id/restore", { setup: trashTarget("trashed", "live", 200) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/trash/:id",
    perform: http("DELETE", "/api/trash/:id", { setup: trashTarget("trashed", "gone", 204) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/admin/trash",
    perform: http("DELETE", "/api/admin/trash", { setup: purgeTarget }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/members",
    perform: http("GET", "/api/documents/:id/members"),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/members",
    perform: async (p, role) => {
      const id = await p.w.scratchDoc();
      const newcomer = await p.bareUser("newcomer");
      const status = httpOutcome(await p.http("POST", `/api/documents/${id}/members`, role, { email: newcomer.email, role: "viewer" }));
      const added = (await p.w.services.documents.roleOf(newcomer.id, id)) !== null;
      return added === (status === 201) ? status : `${status} but the member ${added ? "was added" : "is missing"}`;
    },
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 201, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "PATCH /api/documents/:id/members/:userId",
    // The viewer asking to be made editor is refused like any other non-owner.
    perform: http("PATCH", "/api/documents/:id/members/:userId", {
      body: () => ({ role: "editor" }),
      setup: async (p) => viewerMembership(p, 200, await p.w.scratchDoc(), (r) => r === "editor"),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id/members/:userId",
    // The target is the viewer: the owner may remove them, and they may leave themselves.
    perform: http("DELETE", "/api/documents/:id/members/:userId", {
      setup: async (p) => viewerMembership(p, 204, await p.w.scratchDoc(), (r) => r === undefined),
    }),
    expect: { ...dead(401), ...outsider(404), viewer: 204, editor: 403, owner: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/admin/announcements",
    perform: http("GET", "/api/admin/announcements"),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/admin/announcements",
    perform: http("POST", "/api/admin/announcements", {
      body: () => ({ title: "Matrix cell", audience: "admins", endsAt: new Date(Date.now() + 60_000).toISOString() }),
    }),
    // Creating takes an administrator's announcements:write token too (the editor's tokens lack the
    // scope; an administrator's token with it is in test/events/scriptApi.test.ts).
    expect: { ...dead(401), ...nonAdmins(403), admin: 201, ...tokens(NEEDS_ANNOUNCE) },
  },
  {
    channel: "http",
    action: "PATCH /api/admin/announcements/:id",
    perform: http("PATCH", "/api/admin/announcements/:id", {
      body: () => ({ title: "Matrix edited" }),
      setup: async (p) => ({ path: { id: await p.announce("admins", { title: "Matrix to edit" }) } }),
    }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "DELETE /api/admin/announcements/:id",
    perform: http("DELETE", "/api/admin/announcements/:id", {
      setup: async (p) => ({ path: { id: await p.announce("admins", { title: "Matrix to revoke" }) } }),
    }),
    // Revoking, like creating, takes an administrator's announcements:write token.
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(NEEDS_ANNOUNCE) },
  },
  { channel: "http", action: "GET /api/announcements", perform: http("GET", "/api/announcements"), expect: everyone(200) },
  {
    channel: "http",
    action: "POST /api/announcements/:id/dismiss",
    perform: http("POST", "/api/announcements/:id/dismiss", {
      setup: async (p) => ({
        path: { id: await p.announce("everyone", { title: "Matrix dismissible", endsAt: new Date(Date.now() + 60_000).toISOString() }) },
      }),
    }),
    // Dismissing a banner is the account's own reading state, not a document: the server lets a token do
    // it (scopes.ts names no rule for announcements), and the matrix records that.
    expect: { ...dead(401), ...signedIn(204), ...tokens(204) },
  },
  {
    channel: "http",
    action: "POST /api/announcements/:id/ack",
    perform: http("POST", "/api/announcements/:id/ack", {
      setup: async (p) => ({ path: { id: await p.announce("everyone", { title: "Matrix must read", requiresAck: true, endsAt: soon() }) } }),
    }),
    // Like dismissing: the account's own reading state, so a token may do it too.
    expect: { ...dead(401), ...signedIn(204), ...tokens(204) },
  },
  {
    channel: "http",
    action: "POST /api/announcements/seen",
    perform: async (p, role) => {
      const id = await p.announce("everyone", { title: "Matrix seen", endsAt: soon() });
      return (await p.http("POST", "/api/announcements/seen", role, { ids: [id] })).status;
    },
    expect: { ...dead(401), ...signedIn(204), ...tokens(204) },
  },
  {
    channel: "http",
    action: "GET /api/admin/announcements/:id/reach",
    perform: http("GET", "/api/admin/announcements/:id/reach", {
      setup: async (p) => ({ path: { id: await p.announce("admins", { title: "Matrix reach", requiresAck: true, endsAt: soon() }) } }),
    }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "GET /api/admin/announcements/:id/reach.csv",
    perform: http("GET", "/api/admin/announcements/:id/reach.csv", {
      setup: async (p) => ({ path: { id: await p.announce("admins", { title: "Matrix reach csv", requiresAck: true, endsAt: soon() }) } }),
    }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/admin/announcements/:id/remind",
    perform: http("POST", "/api/admin/announcements/:id/remind", {
      setup: async (p) => ({ path: { id: await p.announce("admins", { title: "Matrix remind", requiresAck: true, endsAt: soon() }) } }),
    }),
    expect: { ...dead(401), ...nonAdmins(403), admin: 200, ...tokens(SESSION_ONLY) },
  },
  { channel: "http", action: "GET /healthz", perform: http("GET", "/healthz"), expect: everyone(200) },
  { channel: "http", action: "GET /readyz", perform: http("GET", "/readyz"), expect: everyone(200) },
  // Without METRICS_TOKEN /metrics answers loopback callers only; the suite calls from loopback.
  { channel: "http", action: "GET /metrics", perform: http("GET", "/metrics"), expect: everyone(200) },
  ...ANNOUNCEMENT_FEED_ROWS,
  ...SHARE_LINK_ROWS,
  ...PAGE_ROWS,
  ...PEOPLE_ROWS,
  ...ACCOUNT_ROWS,
  ...EXCHANGE_ROWS,
  ...HISTORY_ROWS,
  ...REALTIME_ROWS,
];
