// The comments panel beside the editor: open threads first, resolved ones folded away, and a box
// for a new comment on the current selection. Live over socket.io; every error is shown in place.
"use client";
import { useMemo, useState } from "react";
import { useUser } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import type { CommentView } from "@/lib/realtime/events";
import { CommentForm } from "./CommentForm";
import { CommentThread } from "./CommentThread";
import { useComments, type Anchor } from "./useComments";
import { useCommentHighlights } from "./useCommentHighlights";
import type { Editor } from "@tiptap/core";

export type CommentsSidebarProps = {
  documentId: string;
  /** Owners and editors write comments; viewers read them. */
  canComment: boolean;
  /** Lets the owner delete anyone's comment (authors can always delete their own). */
  isOwner?: boolean;
  /** The editor's current selection as Yjs relative positions, or null when nothing is selected. */
  getSelectionAnchor?: () => Anchor | null;
  /** Called when a thread's quote is clicked, to scroll the editor to its anchor. */
  onFocusComment?: (comment: CommentView) => void;
  /** The editor whose text shows the open threads' highlights (a click on one opens its thread here). */
  editor?: Editor | null;
};

export function CommentsSidebar({ documentId, canComment, isOwner = false, getSelectionAnchor, onFocusComment, editor }: CommentsSidebarProps) {
  const user = useUser();
  const comments = useComments(documentId);
  const [showResolved, setShowResolved] = useState(false);
  const [anchor, setAnchor] = useState<Anchor | null>(null);

  const threads = useMemo(() => {
    if (comments.state.status !== "ready") return { open: [], resolved: [] };
    const replies = new Map<string, CommentView[]>();
    for (const c of comments.state.comments) {
      if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
    }
    const roots = comments.state.comments.filter((c) => !c.parentId).map((root) => ({ root, replies: replies.get(root.id) ?? [] }));
    return { open: roots.filter((t) => !t.root.resolved), resolved: roots.filter((t) => t.root.resolved) };
  }, [comments.state]);

  const highlights = useCommentHighlights(
    editor,
    useMemo(() => threads.open.map((t) => t.root), [threads]),
  );

  const can = { userId: user.id, canComment, isOwner };
  const renderThread = (t: { root: CommentView; replies: CommentView[] }) => (
    <li key={t.root.id}>
      <CommentThread
        root={t.root}
        replies={t.replies}
        can={can}
        onReply={comments.reply}
        onResolve={comments.setResolved}
        onDelete={comments.remove}
        onFocus={(comment) => {
          highlights.activate(comment.resolved ? null : comment.id);
          onFocusComment?.(comment);
        }}
        active={highlights.activeId === t.root.id}
      />
    </li>
  );

  return (
    <section aria-labelledby="comments-heading" data-testid="comments-sidebar" className="space-y-3">
      <h2 id="comments-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Comments
        {threads.open.length > 0 && <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">({threads.open.length})</span>}
      </h2>

      {canComment ? (
        <div onFocusCapture={() => setAnchor(getSelectionAnchor?.() ?? null)}>
          <CommentForm
            label="New comment"
            submitLabel="Comment"
            mentions={{ documentId, userId: user.id }}
            placeholder={getSelectionAnchor ? "Comment on the selected text… (@name to mention)" : "Add a comment… (@name to mention)"}
            above={
              anchor?.quote ? <p className="truncate border-l-2 border-amber-400 pl-2 text-xs text-zinc-500 dark:text-zinc-400">On “{anchor.quote}”</p> : null
            }
            onSubmit={async (body) => {
              const problem = await comments.create(body, anchor);
              if (!problem) setAnchor(null);
              return problem;
            }}
          />
        </div>
      ) : (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">You can read comments. Editors and the owner can add them.</p>
      )}

      {comments.state.status === "loading" && (
        <div role="status" aria-label="Loading comments" className="space-y-2">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      )}
      {comments.state.status === "error" && (
        <Alert
          action={
            <Button size="sm" onClick={() => void comments.reload()}>
              Try again
            </Button>
          }
        >
          Comments could not be loaded. {comments.state.message}
        </Alert>
      )}
      {comments.state.status === "ready" && threads.open.length === 0 && threads.resolved.length === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p>
      )}

      <ul className="space-y-3">{threads.open.map(renderThread)}</ul>

      {threads.resolved.length > 0 && (
        <div>
          <Button size="sm" variant="ghost" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? "Hide" : "Show"} resolved ({threads.resolved.length})
          </Button>
          {showResolved && <ul className="mt-2 space-y-3">{threads.resolved.map(renderThread)}</ul>}
        </div>
      )}
    </section>
  );
}
