// Comments on a document: threads anchored to a range of text, with replies, resolve/reopen and delete.
// Transport-free (socket.io calls it; errors are DomainError); every change is announced on the bus so all open tabs see it.
//
// Who may do what: every member reads comments; owners and editors write them (create, reply,
// resolve, reopen); viewers read only. A comment can be deleted by its author or the document owner.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { AuthUser } from "../auth/auth";
import type { Documents, Role } from "./documents";
import type { Notifications } from "./notifications";
import type { CommentView } from "../../lib/realtime/events";
import type { Logger } from "../log";
import { forbidden, invalidInput, notFound } from "./errors";
import { isRelativePosition } from "./commentAnchors";
import { findMentioned } from "./mentions";

type Row = {
  id: string;
  documentId: string;
  parentId: string | null;
  body: string;
  anchorFrom: string | null;
  anchorTo: string | null;
  quote: string | null;
  resolved: boolean;
  createdAt: Date;
  updatedAt: Date;
  author: { id: string; name: string };
};

const withAuthor = { author: { select: { id: true, name: true } } } as const;

function view(c: Row): CommentView {
  return {
    id: c.id,
    documentId: c.documentId,
    parentId: c.parentId,
    author: { id: c.author.id, name: c.author.name },
    body: c.body,
    anchorFrom: c.anchorFrom,
    anchorTo: c.anchorTo,
    quote: c.quote,
    resolved: c.resolved,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type NewComment = { documentId: string; body: string; anchorFrom?: string; anchorTo?: string; quote?: string };

export class Comments {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly documents: Documents,
    private readonly notifications: Notifications,
    private readonly log: Logger,
  ) {}

  /** All comments of a document, oldest first (replies follow their thread's root in time order). */
  async list(user: AuthUser, documentId: string): Promise<CommentView[]> {
    await this.memberRole(user, documentId);
    return this.listThroughLink(documentId);
  }

  /** The same list for someone in through a live share link (checked by the caller, server/auth/linkCredential.ts). */
  async listThroughLink(documentId: string): Promise<CommentView[]> {
    const rows = await this.db.comment.findMany({ where: { documentId }, include: withAuthor, orderBy: { createdAt: "asc" } });
    return rows.map(view);
  }

  async create(user: AuthUser, input: NewComment): Promise<CommentView> {
    await this.requireWriter(user, input.documentId);
    for (const [field, value] of [
      ["anchorFrom", input.anchorFrom],
      ["anchorTo", input.anchorTo],
    ] as const) {
      if (value !== undefined && !isRelativePosition(value)) {
        throw invalidInput(`${field}: is not a Yjs relative position`, field);
      }
    }
    const row = await this.db.comment.create({
      data: {
        id: crypto.randomUUID(),
        documentId: input.documentId,
        authorId: user.id,
        body: input.body,
        anchorFrom: input.anchorFrom ?? null,
        anchorTo: input.anchorTo ?? null,
        quote: input.quote ?? null,
      },
      include: withAuthor,
    });
    return this.announce(user, row);
  }

  /** Replies attach to the thread's root, so threads stay one level deep. */
  async reply(user: AuthUser, parentId: string, body: string): Promise<CommentView> {
    const parent = await this.visibleComment(user, parentId);
    await this.requireWriter(user, parent.documentId);
    const row = await this.db.comment.create({
      data: {
        id: crypto.randomUUID(),
        documentId: parent.documentId,
        authorId: user.id,
        parentId: parent.parentId ?? parent.id,
        body,
      },
      include: withAuthor,
    });
    return this.announce(user, row);
  }

  async setResolved(user: AuthUser, commentId: string, resolved: boolean): Promise<CommentView> {
    const comment = await this.visibleComment(user, commentId);
    await this.requireWriter(user, comment.documentId);
    if (comment.parentId) throw invalidInput("Only a thread's first comment can be resolved or reopened.");
    const row = await this.db.comment.update({ where: { id: commentId }, data: { resolved }, include: withAuthor });
    const v = view(row);
    await this.bus.publish({ type: "comment.upserted", documentId: v.documentId, comment: v });
    return v;
  }

  /** Deletes a comment (a thread's root takes its replies with it); returns the ids removed. */
  async remove(user: AuthUser, commentId: string): Promise<{ documentId: string; commentIds: string[] }> {
    const comment = await this.visibleComment(user, commentId);
    const role = await this.memberRole(user, comment.documentId);
    if (comment.authorId !== user.id && role !== "owner") {
      throw forbidden("Only the comment's author or the document's owner can delete it.");
    }
    const replies = comment.parentId ? [] : await this.db.comment.findMany({ where: { parentId: comment.id }, select: { id: true } });
    const commentIds = [comment.id, ...replies.map((r) => r.id)];
    await this.db.comment.deleteMany({ where: { id: { in: commentIds } } });
    await this.bus.publish({ type: "comment.removed", documentId: comment.documentId, commentIds });
    return { documentId: comment.documentId, commentIds };
  }

  private async announce(user: AuthUser, row: Row): Promise<CommentView> {
    const v = view(row);
    await this.bus.publish({ type: "comment.upserted", documentId: v.documentId, comment: v });
    // A failed notification must not fail the comment that was already stored and announced.
    await this.notifyMentions(user, v).catch((err) => this.log.error({ err, commentId: v.id }, "mention notification failed"));
    return v;
  }

  private async notifyMentions(user: AuthUser, comment: CommentView): Promise<void> {
    if (!comment.body.includes("@")) return;
    const members = await this.documents.members(user, comment.documentId);
    const mentioned = findMentioned(
      comment.body,
      members.filter((m) => m.userId !== user.id),
    );
    if (mentioned.length === 0) return;
    const doc = await this.db.document.findUnique({ where: { id: comment.documentId }, select: { id: true, title: true } });
    if (doc) await this.notifications.mentioned(mentioned, user, doc);
  }

  /** A comment the caller can see; anything else is "not found" so ids reveal nothing. */
  private async visibleComment(user: AuthUser, commentId: string) {
    const comment = await this.db.comment.findUnique({ where: { id: commentId } });
    if (!comment || !(await this.documents.roleOf(user.id, comment.documentId))) throw notFound("Comment");
    return comment;
  }

  private async memberRole(user: AuthUser, documentId: string): Promise<Role> {
    const role = await this.documents.roleOf(user.id, documentId);
    if (!role) throw notFound();
    return role;
  }

  private async requireWriter(user: AuthUser, documentId: string): Promise<Role> {
    const role = await this.memberRole(user, documentId);
    if (role === "viewer") throw forbidden("Viewers can read comments but not add, answer or resolve them.");
    return role;
  }
}
