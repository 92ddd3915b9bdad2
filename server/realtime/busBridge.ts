// Forwards what happened (bus events from the HTTP API and the domain) to the sockets that care:
// dashboards via user rooms, open editors via document rooms. Every instance gets every bus event
// (a Redis bus fans them out), so each one emits to its own sockets only (`io.local`).
import type { BusEvent, DocumentSummary } from "../bus/events";
import type { Services } from "../services";
import type { AccessChange, AccessChangeReason, Role } from "../../lib/realtime/events";
import type { PresenceFeed } from "./presenceFeed";
import { docRoom, userRoom } from "./rooms";
import type { TandemIo } from "./types";
import { PagesChangedNotices } from "./pagesChanged";

type MembershipChanged = Extract<BusEvent, { type: "membership.changed" }>;

function accessChange(e: MembershipChanged): AccessChange {
  const reason: AccessChangeReason = e.previousRole === null ? "shared" : e.role === null ? (e.userId === e.byUserId ? "left" : "removed") : "role_changed";
  const title = `'${e.title}'`;
  const message = {
    shared: `${e.byUserName} shared ${title} with you as ${e.role}.`,
    removed: `${e.byUserName} removed your access to ${title}.`,
    left: `You left ${title}.`,
    role_changed: `${e.byUserName} changed your role on ${title} to ${e.role}${e.role === "viewer" ? ": you can read but no longer edit" : ""}.`,
    deleted: `${title} was deleted.`,
  }[reason];
  return { documentId: e.documentId, title: e.title, role: e.role, previousRole: e.previousRole, reason, message };
}

export function bridgeBusToSockets(io: TandemIo, services: Services, presence: PresenceFeed): () => void {
  const { db, log, notifications } = services;
  const local = io.local;
  const pages = new PagesChangedNotices(io);

  /** doc:upsert to each listed user, carrying that user's own role. */
  async function upsertFor(document: DocumentSummary, userIds: string[]): Promise<void> {
    const memberships = await db.membership.findMany({
      where: { documentId: document.id, userId: { in: userIds } },
      select: { userId: true, role: true },
    });
    for (const m of memberships) local.to(userRoom(m.userId)).emit("doc:upsert", { ...document, role: m.role as Role });
  }

  async function membershipChanged(e: MembershipChanged, happenedHere: boolean): Promise<void> {
    const change = accessChange(e);
    local.to(userRoom(e.userId)).emit("access:changed", change);
    if (e.role === null) {
      local.to(userRoom(e.userId)).emit("doc:removed", { documentId: e.documentId, title: e.title, reason: change.reason });
      // The access authority takes the user's sockets out of the document's room (documentRooms.ts)
      // and ends their collab sockets; their presence goes with them.
    } else {
      const doc = await db.document.findUnique({ where: { id: e.documentId }, include: { owner: { select: { name: true } } } });
      if (doc) {
        const summary: DocumentSummary = {
          id: doc.id,
          title: doc.title,
          ownerId: doc.ownerId,
          ownerName: doc.owner.name,
          createdAt: doc.createdAt.toISOString(),
          updatedAt: doc.updatedAt.toISOString(),
        };
        local.to(userRoom(e.userId)).emit("doc:upsert", { ...summary, role: e.role });
      }
    }
    // Written once, by the instance where the change happened; the others only forward it.
    if (happenedHere) {
      await notifications.membershipChanged(e);
      // Access gone: so are the notifications about the document (the bell hears notification.removed).
      if (e.role === null) await notifications.documentGone(e.documentId, [e.userId]);
    }
  }

  /** Whose page tree an event changes (the tree lists exactly what its account can open). */
  function treeChanges(event: BusEvent): void {
    switch (event.type) {
      case "document.created":
      case "document.updated":
      case "document.restored":
        return pages.add(event.userIds, [event.document.id]);
      case "document.deleted":
        return pages.add(event.userIds, [event.documentId]);
      case "membership.changed":
        return pages.add([event.userId], [event.documentId]);
      case "pages.changed":
        return pages.add(event.userIds, event.pageIds);
      default:
        return;
    }
  }

  async function route(event: BusEvent, happenedHere: boolean): Promise<void> {
    treeChanges(event);
    switch (event.type) {
      case "document.created":
      case "document.restored": // back from the trash: into every member's list, with their role
        return upsertFor(event.document, event.userIds);
      case "document.updated": {
        // Open pages (the document's room) update their heading and tab title; dashboards get doc:upsert.
        const { id: documentId, title, updatedAt } = event.document;
        local.to(docRoom(documentId)).emit("doc:updated", { documentId, title, updatedAt });
        return upsertFor(event.document, event.userIds);
      }
      case "document.deleted": {
        const reason: AccessChangeReason = "deleted";
        local.to(event.userIds.map(userRoom)).emit("doc:removed", { documentId: event.documentId, title: event.title, reason });
        local.to(docRoom(event.documentId)).emit("access:changed", {
          documentId: event.documentId,
          title: event.title,
          role: null,
          previousRole: null,
          reason,
          message: `'${event.title}' was deleted by its owner.`,
        });
        // The access authority takes every socket out of the document's room (documentRooms.ts).
        presence.forgetDocument(event.documentId);
        // Deleted or trashed: every member's notifications about it go (written once, where it happened).
        if (happenedHere) await notifications.documentGone(event.documentId, event.userIds);
        return;
      }
      case "membership.changed":
        return membershipChanged(event, happenedHere);
      case "presence.changed":
        return presence.onReport(event.instanceId, event.documentId, event.users);
      case "comment.upserted":
        local.to(docRoom(event.documentId)).emit("comment:upsert", { documentId: event.documentId, comment: event.comment });
        return;
      case "comment.removed":
        local.to(docRoom(event.documentId)).emit("comment:removed", { documentId: event.documentId, commentIds: event.commentIds });
        return;
      case "versions.changed":
        // Only the document's id: the panel reloads through GET …/versions, which checks access again.
        local.to(docRoom(event.documentId)).emit("versions:changed", { documentId: event.documentId });
        return;
      case "notification.created":
        local.to(userRoom(event.userId)).emit("notification:new", event.notification);
        return;
      case "notification.removed":
        local.to(userRoom(event.userId)).emit("notification:removed", { ids: event.notificationIds, unread: event.unread });
        return;
      default:
        return; // announcements and the like are other channels' business
    }
  }

  const unsubscribe = services.bus.subscribe((event, meta) => {
    route(event, meta.local).catch((err) => log.error({ err, type: event.type }, "realtime bus bridge failed"));
  });
  return () => {
    unsubscribe();
    pages.stop();
  };
}
