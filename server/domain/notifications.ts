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
   * "Ana shared 'Q3 plan' with you". Called from a bus listener, which with a shared (Redis) bus runs
   * on every instance: the id is derived from (document, user), so the instances write the same row
   * and a re-share refreshes it instead of piling up copies. Clients de-duplicate by id.
   */
  async membershipChanged(event: MembershipChanged): Promise<void> {
    if (event.previousRole !== null || event.role === null || event.userId === event.byUserId) return;
    const id = crypto.createHash("sha256").update(`shared\0${event.documentId}\0${event.userId}`).digest("base64url").slice(0, 32);
    const role = event.role === "viewer" ? "view" : "edit";
    const text = `${event.byUserName} shared '${event.title}' with you (can ${role}).`;
    const data = { kind: "shared", text, link: documentLink(event.documentId), read: false, createdAt: new Date() };
    const upsert = () =>
      this.db.notification.upsert({ where: { id }, create: { id, userId: event.userId, ...data }, update: data });
    const row = await upsert().catch((e: { code?: string }) => {
      if (e.code === "P2002") return upsert(); // another instance created it a moment ago
      throw e;
    });
    await this.bus.publish({ type: "notification.created", userId: event.userId, notification: view(row) });
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
