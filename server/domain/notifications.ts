// A user's inbox: "Ana shared 'Q3 plan' with you", "Ana mentioned you in a comment". Transport-free:
// each new notification is announced on the bus, and socket.io delivers it to the user's tabs.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { BusEvent } from "../bus/events";
import type { NotificationView } from "../../lib/realtime/events";

type Row = { id: string; kind: string; text: string; link: string | null; read: boolean; createdAt: Date };
type MembershipChanged = Extract<BusEvent, { type: "membership.changed" }>;

export const documentLink = (documentId: string) => `/documents/${encodeURIComponent(documentId)}`;

/** The document a notification is about, read back from its link (the link is the only reference kept). */
export function linkedDocumentId(link: string | null): string | null {
  const m = link?.match(/^\/documents\/([^/?#]+)(?:[?#].*)?$/);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** Prisma filter for the notifications that link to one document (a query or fragment may follow). */
function aboutDocument(documentId: string) {
  const link = documentLink(documentId);
  return { OR: [{ link }, { link: { startsWith: `${link}?` } }, { link: { startsWith: `${link}#` } }] };
}

function view(n: Row): NotificationView {
  return {
    id: n.id,
    kind: n.kind === "mention" ? "mention" : "shared",
    text: n.text,
    link: n.link,
    read: n.read,
    createdAt: n.createdAt.toISOString(),
  };
}

export class Notifications {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  async list(userId: string, limit: number): Promise<{ notifications: NotificationView[]; unread: number }> {
    await this.dropInaccessible(userId);
    const [rows, unread] = await Promise.all([
      this.db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: limit }),
      this.unreadCount(userId),
    ]);
    return { notifications: rows.map(view), unread };
  }

  /** Marks the given notifications (only the user's own) or all of them read; returns the unread count. */
  async markRead(userId: string, target: { ids: string[] } | { all: true }): Promise<number> {
    await this.db.notification.updateMany({
      where: { userId, read: false, ...("ids" in target ? { id: { in: target.ids } } : {}) },
      data: { read: true },
    });
    return this.unreadCount(userId);
  }

  unreadCount(userId: string): Promise<number> {
    return this.db.notification.count({ where: { userId, read: false } });
  }

  /**
   * The subject went away for these users (their access was removed, or the document deleted or
   * trashed): their notifications about it go too, and their open bells are told (notification.removed).
   */
  async documentGone(documentId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const rows = await this.db.notification.findMany({
      where: { userId: { in: userIds }, ...aboutDocument(documentId) },
      select: { id: true, userId: true },
    });
    await this.removeRows(rows);
  }

  /**
   * Safety net at read time: a notification whose document the user can no longer open (an event
   * missed while an instance was down, an older row) is deleted rather than listed. Reads only ids
   * and links; the user's memberships among the linked documents decide.
   */
  private async dropInaccessible(userId: string): Promise<void> {
    const linked = await this.db.notification.findMany({ where: { userId, link: { not: null } }, select: { id: true, link: true } });
    const byDoc = new Map<string, string[]>();
    for (const n of linked) {
      const documentId = linkedDocumentId(n.link);
      if (documentId) byDoc.set(documentId, [...(byDoc.get(documentId) ?? []), n.id]);
    }
    if (byDoc.size === 0) return;
    const open = await this.db.membership.findMany({
      // A trashed document is not open to anyone (its memberships stay for a restore).
      where: { userId, documentId: { in: [...byDoc.keys()] }, document: { deletedAt: null } },
      select: { documentId: true },
    });
    for (const m of open) byDoc.delete(m.documentId);
    const stale = [...byDoc.values()].flat().map((id) => ({ id, userId }));
    await this.removeRows(stale);
  }

  private async removeRows(rows: { id: string; userId: string }[]): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.id]);
    for (const [userId, ids] of byUser) {
      await this.db.notification.deleteMany({ where: { userId, id: { in: ids } } });
      const unread = await this.unreadCount(userId);
      await this.bus.publish({ type: "notification.removed", userId, notificationIds: ids, unread });
    }
  }

  /**
   * "Ana shared 'Q3 plan' with you". Called from a bus listener, which with a shared (Redis) bus runs
   * on every instance: the id is derived from (document, user), so the instances write the same row
   * and a re-share refreshes it instead of piling up copies. Clients de-duplicate by id.
   */
  async membershipChanged(event: MembershipChanged): Promise<void> {
    // Inherited through a parent page: the parent's own notification said it (not one per sub-page).
    if (event.previousRole !== null || event.role === null || event.userId === event.byUserId || event.inherited) return;
    const id = crypto.createHash("sha256").update(`shared\0${event.documentId}\0${event.userId}`).digest("base64url").slice(0, 32);
    const role = event.role === "viewer" ? "view" : "edit";
    const text = `${event.byUserName} shared '${event.title}' with you (can ${role}).`;
    const data = { kind: "shared", text, link: documentLink(event.documentId), read: false, createdAt: new Date() };
    const upsert = () => this.db.notification.upsert({ where: { id }, create: { id, userId: event.userId, ...data }, update: data });
    const row = await upsert().catch((e: { code?: string }) => {
      if (e.code === "P2002") return upsert(); // another instance created it a moment ago
      throw e;
    });
    await this.bus.publish({ type: "notification.created", userId: event.userId, notification: view(row) });
  }

  /**
   * "Ana mentioned you in 'Q3 plan'." (in the text, server/domain/textMentions.ts). One row per
   * (document, person, mentioner), refreshed and unread again on each new mention, so repeated
   * mentions cannot flood a bell.
   */
  async mentionedInText(userIds: string[], by: { id: string; name: string }, document: { id: string; title: string }): Promise<void> {
    for (const userId of userIds) {
      const id = crypto.createHash("sha256").update(`text-mention\0${document.id}\0${userId}\0${by.id}`).digest("base64url").slice(0, 32);
      const data = {
        kind: "mention",
        text: `${by.name} mentioned you in '${document.title}'.`,
        link: documentLink(document.id),
        read: false,
        createdAt: new Date(),
      };
      const upsert = () => this.db.notification.upsert({ where: { id }, create: { id, userId, ...data }, update: data });
      const row = await upsert().catch((e: { code?: string }) => {
        if (e.code === "P2002") return upsert(); // the same mention a moment ago, from another tab
        throw e;
      });
      await this.bus.publish({ type: "notification.created", userId, notification: view(row) });
    }
  }

  async mentioned(userIds: string[], by: { name: string }, document: { id: string; title: string }): Promise<void> {
    for (const userId of userIds) {
      const row = await this.db.notification.create({
        data: {
          id: crypto.randomUUID(),
          userId,
          kind: "mention",
          text: `${by.name} mentioned you in a comment on '${document.title}'.`,
          link: documentLink(document.id),
        },
      });
      await this.bus.publish({ type: "notification.created", userId, notification: view(row) });
    }
  }
}
