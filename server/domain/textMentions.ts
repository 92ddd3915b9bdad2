// A member mentioned in the document text ("@" in the editor, components/editor/mentions/) is told,
// the way a mention in a comment tells them: a "mention" notification in their bell. The editor asks
// after inserting the mention; the server decides. Who may: the document's owner and editors (those
// who can write the text), about its other members only. Mentioning the same person again refreshes
// their one notice from you about that document instead of piling up more.
import type { AuthUser } from "../auth/auth";
import type { Db } from "../db/client";
import type { Documents } from "./documents";
import type { Notifications } from "./notifications";
import { forbidden, invalidInput, notFound } from "./errors";

export type TextMentionDeps = { db: Db; documents: Documents; notifications: Notifications };

export async function notifyTextMentions(deps: TextMentionDeps, user: AuthUser, documentId: string, userIds: string[]): Promise<{ notified: number }> {
  const role = await deps.documents.roleOf(user.id, documentId);
  if (!role) throw notFound();
  if (role === "viewer") throw forbidden("Viewers can read the document but not mention people in it.");
  const members = new Set((await deps.documents.members(user, documentId)).map((m) => m.userId));
  const strangers = userIds.filter((id) => !members.has(id));
  if (strangers.length > 0) throw invalidInput("userIds: only members of this document can be mentioned in it.", "userIds");
  const targets = [...new Set(userIds)].filter((id) => id !== user.id); // mentioning yourself tells no one
  if (targets.length === 0) return { notified: 0 };
  const doc = await deps.db.document.findUnique({ where: { id: documentId }, select: { id: true, title: true } });
  if (!doc) throw notFound();
  await deps.notifications.mentionedInText(targets, user, doc);
  return { notified: targets.length };
}
