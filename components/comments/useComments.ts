// A document's comments, live: loaded over socket.io on every (re)connect, kept current by
// comment:upsert / comment:removed, and changed through acknowledged requests.
"use client";
import { useCallback, useState } from "react";
import { realtime, type RequestResult } from "@/lib/realtime/client";
import { useDocumentRoom, useOnConnect, useRealtimeEvent } from "@/lib/realtime/hooks";
import type { ClientEventName, CommentView } from "@/lib/realtime/events";
import { plainError } from "@/lib/apiErrors";

export type CommentsState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; comments: CommentView[] };

export type Anchor = { anchorFrom: string; anchorTo: string; quote: string };

/** Resolves to an error message to show, or null when the server accepted the change. */
export type ActionResult = Promise<string | null>;

const byTime = (a: CommentView, b: CommentView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export function useComments(documentId: string) {
  const [state, setState] = useState<CommentsState>({ status: "loading" });
  useDocumentRoom(documentId);

  const load = useCallback(async () => {
    const res = await realtime().request("comments:list", { documentId });
    setState(res.ok ? { status: "ready", comments: [...res.comments].sort(byTime) } : { status: "error", message: plainError(res.error) });
  }, [documentId]);
  useOnConnect(() => void load());

  const upsert = useCallback((comment: CommentView) => {
    setState((s) => (s.status === "ready" ? { status: "ready", comments: [...s.comments.filter((c) => c.id !== comment.id), comment].sort(byTime) } : s));
  }, []);
  const remove = useCallback((ids: string[]) => {
    setState((s) => (s.status === "ready" ? { status: "ready", comments: s.comments.filter((c) => !ids.includes(c.id)) } : s));
  }, []);

  useRealtimeEvent("comment:upsert", (p) => {
    if (p.documentId === documentId) upsert(p.comment);
  });
  useRealtimeEvent("comment:removed", (p) => {
    if (p.documentId === documentId) remove(p.commentIds);
  });

  /** Applies the ack right away (the live event may come later, or not at all when offline). */
  const run = useCallback(
    async <E extends ClientEventName>(request: Promise<RequestResult<E>>, apply: (res: Extract<RequestResult<E>, { ok: true }>) => void) => {
      const res = await request;
      if (!res.ok) return plainError(res.error);
      apply(res as Extract<RequestResult<E>, { ok: true }>);
      return null;
    },
    [],
  );

  const client = () => realtime();
  return {
    state,
    reload: load,
    create: (body: string, anchor: Anchor | null): ActionResult =>
      run(client().request("comment:create", { documentId, body, ...(anchor ?? {}) }), (r) => upsert(r.comment)),
    reply: (parentId: string, body: string): ActionResult => run(client().request("comment:reply", { parentId, body }), (r) => upsert(r.comment)),
    setResolved: (commentId: string, resolved: boolean): ActionResult =>
      run(client().request("comment:resolve", { commentId, resolved }), (r) => upsert(r.comment)),
    remove: (commentId: string): ActionResult => run(client().request("comment:delete", { commentId }), (r) => remove(r.commentIds)),
  };
}

export type CommentsApi = ReturnType<typeof useComments>;
