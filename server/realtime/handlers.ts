// What a connected socket can ask for. Each handler checks authorization itself (through the domain
// modules), so joining a room is never what grants access.
import type { Services } from "../services";
import { notFound } from "../domain/errors";
import { failure } from "./ackErrors";
import { onClientEvent, splitArgs } from "./clientEvent";
import type { PresenceFeed } from "./presenceFeed";
import { DocumentRooms } from "./documentRooms";
import { userRoom } from "./rooms";
import type { TandemSocket } from "./types";
import type { AccountBuckets } from "./tokenBucket";
import type { DocumentEntry } from "../auth/linkCredential";
import { notifyTextMentions } from "../domain/textMentions";

const COMMENT_WRITES = new Set(["comment:create", "comment:reply", "comment:resolve", "comment:delete", "mention:notify"]);

/** Refused events in a row after which a socket is disconnected. */
export const FLOOD_DISCONNECT_AFTER = 200;

export type HandlerDeps = {
  services: Services;
  presence: PresenceFeed;
  /** The event budget of each account, shared by its sockets. */
  accountBuckets: AccountBuckets;
  onRateLimited: () => void;
};

export function registerSocketHandlers(socket: TandemSocket, deps: HandlerDeps): void {
  const { services, presence } = deps;
  const { log, comments, notifications } = services;
  const user = socket.data.user;
  void socket.join(userRoom(user.id));
  const documentRooms = new DocumentRooms(socket, services.access);

  // Rate limit before anything else runs: a refused event costs one comparison, so a flooding
  // socket cannot starve the others. Per socket, and per account across its sockets. Refused events are answered (when they carry an ack) and dropped.
  // A client that keeps sending after being told to slow down is broken or hostile: cut it off.
  let refusedInARow = 0;
  socket.use((packet, next) => {
    if (socket.data.bucket.take() && deps.accountBuckets.take(user.id)) {
      refusedInARow = 0;
      return next();
    }
    deps.onRateLimited();
    if (++refusedInARow > FLOOD_DISCONNECT_AFTER) {
      log.warn({ userId: user.id }, "socket.io client kept flooding after rate limiting; disconnected");
      return void socket.disconnect(true);
    }
    splitArgs(packet.slice(1)).ack?.(failure("rate_limited", "Slow down: too many events. Try again in a moment."));
  });

  // An access token without documents:write may read comments but not change them (auth/scopes.ts).
  socket.use((packet, next) => {
    if (socket.data.mayWrite || !COMMENT_WRITES.has(packet[0])) return next();
    const message = socket.data.link
      ? "Sign in to comment: guests can read comments but not write them."
      : "This access token does not have the documents:write scope.";
    splitArgs(packet.slice(1)).ack?.(failure("forbidden", message));
  });

  /** A member's role, or a share link's (a guest's own, or one a signed-in account carries in its cookie). */
  async function entryTo(documentId: string): Promise<DocumentEntry> {
    const guestLink = socket.data.link;
    // A guest's link opens its page and the sub-pages that inherit from it.
    if (guestLink) return (await services.shareLinks.opens(guestLink, documentId)) ? { kind: "link", role: guestLink.role, link: guestLink } : { kind: "none" };
    return services.links.entry(await services.documents.roleOf(user.id, documentId), socket.request, documentId);
  }

  onClientEvent(socket, "doc:join", log, async ({ documentId }) => {
    const entry = await entryTo(documentId);
    if (entry.kind === "none") throw notFound();
    const role = entry.role;
    // The document's room carries its comments and access changes; presence comes from the
    // collaboration rooms (presenceReporter.ts), not from this socket. The access authority says
    // when the socket must leave it (documentRooms.ts).
    await documentRooms.join(documentId, entry.kind === "link" ? entry.link : undefined);
    return { role, presence: presence.usersIn(documentId) };
  });

  onClientEvent(socket, "doc:leave", log, async ({ documentId }) => {
    documentRooms.leave(documentId);
    return {};
  });

  onClientEvent(socket, "presence:list", log, async () => ({ presence: await presence.forUser(user.id) }));

  onClientEvent(socket, "comments:list", log, async ({ documentId }) => {
    // In through a link: readable while the link lives (the room it joined is held under it).
    if (socket.data.link || documentRooms.link(documentId)) {
      if ((await entryTo(documentId)).kind === "link") return { comments: await comments.listThroughLink(documentId) };
    }
    return { comments: await comments.list(user, documentId) };
  });

  onClientEvent(socket, "comment:create", log, async (input) => ({ comment: await comments.create(user, input) }));

  onClientEvent(socket, "comment:reply", log, async ({ parentId, body }) => ({
    comment: await comments.reply(user, parentId, body),
  }));

  onClientEvent(socket, "comment:resolve", log, async ({ commentId, resolved }) => ({
    comment: await comments.setResolved(user, commentId, resolved),
  }));

  onClientEvent(socket, "comment:delete", log, async ({ commentId }) => ({
    commentIds: (await comments.remove(user, commentId)).commentIds,
  }));

  onClientEvent(socket, "mention:notify", log, ({ documentId, userIds }) => notifyTextMentions(services, user, documentId, userIds));

  onClientEvent(socket, "notifications:list", log, ({ limit }) => notifications.list(user.id, limit));

  onClientEvent(socket, "notifications:read", log, async (target) => ({
    unread: await notifications.markRead(user.id, target),
  }));
}
