// The authorization table's rows for the live channels: socket.io, the collaboration WebSocket and the
// event stream. The vocabulary (outcomes, role groups) is explained at the top of table.ts, which
// holds the HTTP rows and spreads these after them.
import { dead, tokens, madeComment, signedIn, outsider, members, writers, nonAdmins } from "./cells";
import type { Row } from "./cells";
import { ACK_NEEDS_WRITE } from "./refusal";

export const REALTIME_ROWS: Row[] = [
  // ---------------- socket.io ----------------
  {
    channel: "socket.io",
    action: "connect",
    perform: (p, role) => p.connectOutcome(role),
    expect: { ...dead("refused unauthorized"), ...signedIn("connected"), ...tokens("connected") },
  },
  {
    channel: "socket.io",
    action: "doc:join",
    perform: (p, role) => p.emit(role, "doc:join", { documentId: p.w.mainDocId }),
    expect: { ...dead("refused"), ...outsider("not_found"), ...members("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "doc:leave",
    perform: (p, role) => p.emit(role, "doc:leave", { documentId: p.w.mainDocId }),
    expect: { ...dead("refused"), ...signedIn("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "presence:list",
    perform: (p, role) => p.emit(role, "presence:list", {}),
    expect: { ...dead("refused"), ...signedIn("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "comments:list",
    perform: (p, role) => p.emit(role, "comments:list", { documentId: p.w.mainDocId }),
    expect: { ...dead("refused"), ...outsider("not_found"), ...members("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "comment:create",
    perform: (p, role) => madeComment(p, () => p.emit(role, "comment:create", { documentId: p.w.mainDocId, body: "matrix" })),
    expect: { ...dead("refused"), ...outsider("not_found"), viewer: "forbidden", ...writers("ok"), ...tokens(ACK_NEEDS_WRITE, "ok") },
  },
  {
    channel: "socket.io",
    action: "comment:reply",
    perform: async (p, role) => {
      const parentId = await p.root();
      return madeComment(p, () => p.emit(role, "comment:reply", { parentId, body: "matrix reply" }));
    },
    expect: { ...dead("refused"), ...outsider("not_found"), viewer: "forbidden", ...writers("ok"), ...tokens(ACK_NEEDS_WRITE, "ok") },
  },
  {
    channel: "socket.io",
    action: "comment:resolve",
    perform: async (p, role) => p.emit(role, "comment:resolve", { commentId: await p.root(), resolved: true }),
    expect: { ...dead("refused"), ...outsider("not_found"), viewer: "forbidden", ...writers("ok"), ...tokens(ACK_NEEDS_WRITE, "ok") },
  },
  {
    channel: "socket.io",
    action: "comment:delete",
    // The target is the editor's comment: its author and the document's owner may delete it.
    perform: async (p, role) => {
      const id = await p.comment(p.w.users.editor.id);
      const outcome = await p.emit(role, "comment:delete", { commentId: id });
      const exists = (await p.w.services.db.comment.count({ where: { id } })) === 1;
      return exists === (outcome === "ok") ? `${outcome} but the comment ${exists ? "survived" : "is gone"}` : outcome;
    },
    expect: { ...dead("refused"), ...outsider("not_found"), viewer: "forbidden", ...writers("ok"), ...tokens(ACK_NEEDS_WRITE, "ok") },
  },
  {
    channel: "socket.io",
    action: "mention:notify",
    // A member mentioned in the text (the editor's "@"): the writers may tell the viewer, and a refusal writes no notice.
    perform: async (p, role) => {
      const viewerId = p.w.users.viewer.id;
      const before = await p.w.services.db.notification.count({ where: { userId: viewerId, kind: "mention" } });
      const outcome = await p.emit(role, "mention:notify", { documentId: p.w.mainDocId, userIds: [viewerId] });
      const after = await p.w.services.db.notification.count({ where: { userId: viewerId, kind: "mention" } });
      if (outcome !== "ok" && after !== before) return `${outcome} but a notification was written`;
      return outcome;
    },
    expect: { ...dead("refused"), ...outsider("not_found"), viewer: "forbidden", ...writers("ok"), ...tokens(ACK_NEEDS_WRITE, "ok") },
  },
  {
    channel: "socket.io",
    action: "notifications:list",
    perform: (p, role) => p.emit(role, "notifications:list", {}),
    expect: { ...dead("refused"), ...signedIn("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "notifications:read",
    perform: (p, role) => p.emit(role, "notifications:read", { all: true }),
    expect: { ...dead("refused"), ...signedIn("ok"), ...tokens("ok") },
  },
  {
    channel: "socket.io",
    action: "held open while its credential dies",
    perform: (p, role) => p.heldOpen(role, "socket.io"),
    expect: { editor: "open", loggedOut: "ended", revokedToken: "ended", expired: "ended", ...tokens("open") },
  },

  // ---------------- collaboration WebSocket /collab/<id> ----------------
  {
    channel: "collab",
    action: "connect /collab/<document>",
    perform: (p, role) => p.collabConnect(role, p.w.mainDocId),
    expect: { ...dead(4401), ...outsider(4403), ...members("open"), ...tokens("open") },
  },
  {
    channel: "collab",
    action: "connect /collab/<deleted document>",
    perform: async (p, role) => {
      const id = await p.w.scratchDoc("Matrix deleted");
      await p.w.services.documents.remove(p.w.users.owner, id);
      return p.collabConnect(role, id);
    },
    // 4404 is documented for a deleted document; someone who never had access may get 4403 or 4404 (either
    // reveals nothing: the document is gone).
    expect: { ...dead(4401), ...outsider([4403, 4404]), ...members(4404), ...tokens(4404) },
  },
  {
    channel: "collab",
    action: "send an edit (sync update and sync step 2)",
    perform: (p, role) => p.collabUpdate(role),
    // A read token of an editor is read-only: its updates are never applied, stored or relayed.
    expect: { ...dead("refused"), ...outsider("refused"), viewer: "dropped", ...writers("applied"), ...tokens("dropped", "applied") },
  },
  {
    channel: "collab",
    action: "awareness claiming another name",
    perform: (p, role) => p.collabAwareness(role),
    expect: { ...dead("refused"), ...outsider("refused"), ...members("relayed as self"), ...tokens("relayed as self") },
  },
  {
    channel: "collab",
    action: "held open while its credential dies",
    perform: (p, role) => p.heldOpen(role, "collab"),
    expect: { editor: "open", loggedOut: "ended", revokedToken: "ended", expired: "ended", ...tokens("open") },
  },

  // ---------------- SSE event stream /api/events ----------------
  {
    channel: "sse",
    action: "GET /api/events (greeting's viewer kind)",
    covers: "GET /api/events",
    perform: (p, role) => p.sseViewer(role),
    expect: { ...dead("anonymous"), ...nonAdmins("user"), admin: "admin", ...tokens("user") },
  },
  {
    channel: "sse",
    action: "audience: announcements in the opening snapshot",
    perform: (p, role) => p.sseSnapshot(role),
    expect: { ...dead("everyone"), ...nonAdmins("everyone+users"), admin: "everyone+users+admins", ...tokens("everyone+users") },
  },
  {
    channel: "sse",
    action: "audience: announcements made while streaming",
    perform: (p, role) => p.sseLive(role),
    expect: { ...dead("everyone"), ...nonAdmins("everyone+users"), admin: "everyone+users+admins", ...tokens("everyone+users") },
  },
  {
    channel: "sse",
    action: "held open while its credential dies",
    perform: (p, role) => p.heldOpen(role, "sse"),
    expect: { editor: "open", loggedOut: "ended", revokedToken: "ended", expired: "ended", ...tokens("open") },
  },
];
