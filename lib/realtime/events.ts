// The socket.io contract between the server and the browser, typed once: event names, payloads,
// acknowledgements, and the zod schema every client→server payload is validated against on arrival.
// Shared by server/realtime (validation, typed Server) and lib/realtime/client.ts (typed socket).
import { z } from "zod";
import { userText } from "../userText";
import { DocumentId, Id } from "../contracts/ids";
import { LinkSubpages } from "../contracts/shareLinks";

export const SOCKET_PATH = "/socket.io";
/** Largest frame the server accepts; larger ones close the connection (engine.io's maxHttpBufferSize). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const COMMENT_BODY_MAX = 10_000;
export const COMMENT_QUOTE_MAX = 1_000;
export const ANCHOR_MAX = 1_024;

import type { ListedDocument, Role } from "../documents";
export type { Role };

/** A document as the dashboard lists it (same shape as GET /api/documents items). */
export type DashboardDocument = ListedDocument;

export type PresenceUser = { id: string; name: string };
export type DocumentPresence = { documentId: string; users: PresenceUser[] };

export type CommentView = {
  id: string;
  documentId: string;
  /** Replies point at their thread's root comment; threads are one level deep. */
  parentId: string | null;
  author: { id: string; name: string };
  body: string;
  /** Base64 Yjs relative positions of the commented range (root comments only). */
  anchorFrom: string | null;
  anchorTo: string | null;
  quote: string | null;
  resolved: boolean;
  createdAt: string;
  updatedAt: string;
};

export type NotificationView = {
  id: string;
  kind: "shared" | "mention";
  text: string;
  link: string | null;
  read: boolean;
  createdAt: string;
};

export type AccessChangeReason = "shared" | "role_changed" | "removed" | "left" | "deleted";

export type AccessChange = {
  documentId: string;
  title: string;
  role: Role | null;
  previousRole: Role | null;
  reason: AccessChangeReason;
  /** A sentence to show the user as is ("Ana removed your access to 'Q3 plan'."). */
  message: string;
};

export type RealtimeErrorCode = "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "internal" | "unavailable";
export type RealtimeError = { code: RealtimeErrorCode; message: string };
export type AckFailure = { ok: false; error: RealtimeError };
export type Ack<T extends object = Record<never, never>> = ({ ok: true } & T) | AckFailure;

// ---- server → client: schemas for the newer events (tests and the page parse them), then the map ----
export const ServerEventSchemas = {
  /** The document's own metadata changed (a rename): sent to its room, so an open page updates live. */
  "doc:updated": z.object({ documentId: z.string().min(1), title: z.string().min(1), updatedAt: z.string().datetime() }),
  /** Notifications that lost their subject (access removed, document deleted), with the new unread count. */
  "notification:removed": z.object({ ids: z.array(z.string().min(1)).min(1), unread: z.number().int().min(0) }),
  /** A document's versions changed (made, named, renamed, deleted, restored): sent to its room; the panel reloads the list. */
  "versions:changed": z.object({ documentId: z.string().min(1) }),
  /** The account starred or unstarred a document (in any tab): its stars reload. */
  "favourites:changed": z.object({}),
  /** This user's page tree changed (a page made, moved, renamed, trashed, shared or not): refetch GET /api/pages/tree. */
  "pages:changed": z.object({ pageIds: z.array(z.string().min(1)) }),
  /**
   * To a guest's socket (a share link, no account): the pages the link opens now, on connecting and
   * whenever that changes (a sub-page made, renamed, moved, trashed, or stopping inheriting access).
   */
  "link:pages": z.object({ documentId: Id, title: z.string(), pages: LinkSubpages }),
} satisfies Record<string, z.ZodType>;
export type DocUpdated = z.infer<(typeof ServerEventSchemas)["doc:updated"]>;
export type NotificationsRemoved = z.infer<(typeof ServerEventSchemas)["notification:removed"]>;
export type VersionsChanged = z.infer<(typeof ServerEventSchemas)["versions:changed"]>;
export type PagesChanged = z.infer<(typeof ServerEventSchemas)["pages:changed"]>;
export type LinkPages = z.infer<(typeof ServerEventSchemas)["link:pages"]>;

export interface ServerToClientEvents {
  /** A document appeared in, or changed in, this user's list. */
  "doc:upsert": (document: DashboardDocument) => void;
  /** A document left this user's list (deleted, or their access was removed). */
  "doc:removed": (payload: { documentId: string; title: string; reason: AccessChangeReason }) => void;
  /** The user's own access to a document changed; an open editor shows `message`. */
  "access:changed": (change: AccessChange) => void;
  /** Who has the document open right now (sent to every member's dashboard). */
  "presence:doc": (presence: DocumentPresence) => void;
  "comment:upsert": (payload: { documentId: string; comment: CommentView }) => void;
  "comment:removed": (payload: { documentId: string; commentIds: string[] }) => void;
  "notification:new": (notification: NotificationView) => void;
  "doc:updated": (payload: DocUpdated) => void;
  "notification:removed": (payload: NotificationsRemoved) => void;
  "versions:changed": (payload: VersionsChanged) => void;
  "favourites:changed": (payload: Record<string, never>) => void;
  "pages:changed": (payload: PagesChanged) => void;
  "link:pages": (payload: LinkPages) => void;
}

// ---- client → server: payload schemas (validated on arrival) and what a successful ack carries ----
const Anchor = z
  .string()
  .min(1)
  .max(ANCHOR_MAX)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64");
const Body = userText().trim().min(1, "must not be empty").max(COMMENT_BODY_MAX, `must be at most ${COMMENT_BODY_MAX} characters`);

export const ClientEventSchemas = {
  "doc:join": z.object({ documentId: DocumentId }),
  "doc:leave": z.object({ documentId: DocumentId }),
  "presence:list": z.object({}),
  "comments:list": z.object({ documentId: DocumentId }),
  "comment:create": z
    .object({
      documentId: DocumentId,
      body: Body,
      anchorFrom: Anchor.optional(),
      anchorTo: Anchor.optional(),
      quote: userText().max(COMMENT_QUOTE_MAX, `must be at most ${COMMENT_QUOTE_MAX} characters`).optional(),
    })
    .refine((p) => (p.anchorFrom === undefined) === (p.anchorTo === undefined), {
      message: "anchorFrom and anchorTo go together",
      path: ["anchorTo"],
    }),
  "comment:reply": z.object({ parentId: Id, body: Body }),
  "comment:resolve": z.object({ commentId: Id, resolved: z.boolean() }),
  "comment:delete": z.object({ commentId: Id }),
  /** Members just mentioned in the document's text (the editor's "@"): each is notified, once per mentioner. */
  "mention:notify": z.object({ documentId: DocumentId, userIds: z.array(Id).min(1).max(20) }),
  "notifications:list": z.object({ limit: z.number().int().min(1).max(100).default(30) }),
  "notifications:read": z.union([z.object({ ids: z.array(Id).min(1).max(200) }), z.object({ all: z.literal(true) })]),
} satisfies Record<string, z.ZodType>;

export type ClientEventName = keyof typeof ClientEventSchemas;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof ClientEventSchemas)[E]>;
export type ParsedClientPayload<E extends ClientEventName> = z.output<(typeof ClientEventSchemas)[E]>;

export type ClientEventResults = {
  "doc:join": { role: Role; presence: PresenceUser[] };
  "doc:leave": Record<never, never>;
  "presence:list": { presence: DocumentPresence[] };
  "comments:list": { comments: CommentView[] };
  "comment:create": { comment: CommentView };
  "comment:reply": { comment: CommentView };
  "comment:resolve": { comment: CommentView };
  "comment:delete": { commentIds: string[] };
  "mention:notify": { notified: number };
  "notifications:list": { notifications: NotificationView[]; unread: number };
  "notifications:read": { unread: number };
};

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack<ClientEventResults[E]>) => void) => void;
};
