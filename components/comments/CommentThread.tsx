// One thread: the anchored root comment, its replies, and the actions the viewer may take.
"use client";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { RelativeTime } from "@/components/ui/RelativeTime";
import type { CommentView } from "@/lib/realtime/events";
import { CommentForm } from "./CommentForm";
import type { ActionResult } from "./useComments";

export type ThreadPermissions = { userId: string; canComment: boolean; isOwner: boolean };

export function CommentThread({
  root,
  replies,
  can,
  onReply,
  onResolve,
  onDelete,
  onFocus,
  active = false,
}: {
  root: CommentView;
  replies: CommentView[];
  can: ThreadPermissions;
  onReply: (parentId: string, body: string) => ActionResult;
  onResolve: (commentId: string, resolved: boolean) => ActionResult;
  onDelete: (commentId: string) => ActionResult;
  onFocus?: (comment: CommentView) => void;
  /** Its highlight in the text was just clicked (or its quote): shown with a ring, like the stronger highlight. */
  active?: boolean;
}) {
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(action: () => ActionResult) {
    setBusy(true);
    setError(null);
    const problem = await action();
    setBusy(false);
    if (problem) setError(problem);
  }

  return (
    <article
      data-testid="comment-thread"
      data-comment-id={root.id}
      data-active={active ? "true" : undefined}
      tabIndex={-1}
      className={`rounded-lg border p-3 text-sm focus:outline-none ${active ? "ring-2 ring-amber-400 dark:ring-amber-500" : ""} ${
        root.resolved
          ? "border-zinc-200 bg-zinc-50 opacity-80 dark:border-zinc-800 dark:bg-zinc-900/60"
          : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      }`}
    >
      {root.quote && (
        <button
          type="button"
          onClick={() => onFocus?.(root)}
          className="mb-2 block w-full truncate border-l-2 border-amber-400 pl-2 text-left text-xs text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          title="Show in the document"
        >
          “{root.quote}”
        </button>
      )}
      <CommentBody comment={root} />
      {replies.length > 0 && (
        <ul className="mt-3 space-y-3 border-l border-zinc-200 pl-3 dark:border-zinc-800">
          {replies.map((r) => (
            <li key={r.id} data-testid="comment-reply">
              <CommentBody comment={r} />
              {(r.author.id === can.userId || can.isOwner) && (
                <DeleteButton label="Delete reply" disabled={busy} onConfirm={() => void act(() => onDelete(r.id))} />
              )}
            </li>
          ))}
        </ul>
      )}

      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}

      {replying ? (
        <div className="mt-3">
          <CommentForm
            label="Reply"
            submitLabel="Reply"
            placeholder="Reply… (@name to mention)"
            mentions={{ documentId: root.documentId, userId: can.userId }}
            autoFocus
            onCancel={() => setReplying(false)}
            onSubmit={async (body) => {
              const problem = await onReply(root.id, body);
              if (!problem) setReplying(false);
              return problem;
            }}
          />
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-1">
          {can.canComment && !root.resolved && (
            <Button size="sm" variant="ghost" onClick={() => setReplying(true)}>
              Reply
            </Button>
          )}
          {can.canComment && (
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act(() => onResolve(root.id, !root.resolved))}>
              {root.resolved ? "Reopen" : "Resolve"}
            </Button>
          )}
          {(root.author.id === can.userId || can.isOwner) && (
            <DeleteButton label={replies.length ? "Delete thread" : "Delete"} disabled={busy} onConfirm={() => void act(() => onDelete(root.id))} />
          )}
        </div>
      )}
    </article>
  );
}

function CommentBody({ comment }: { comment: CommentView }) {
  return (
    <div>
      <p className="flex items-baseline gap-2">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{comment.author.name}</span>
        <RelativeTime iso={comment.createdAt} className="text-xs text-zinc-500 dark:text-zinc-400" />
      </p>
      <p className="mt-0.5 whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">{comment.body}</p>
    </div>
  );
}

/** Two clicks to delete: "Delete" then "Really delete?", so a slip does not lose a thread. */
function DeleteButton({ label, disabled, onConfirm }: { label: string; disabled: boolean; onConfirm: () => void }) {
  const [armed, setArmed] = useState(false);
  return armed ? (
    <span className="inline-flex items-center gap-1">
      <Button size="sm" variant="danger" disabled={disabled} onClick={onConfirm}>
        Really delete?
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setArmed(false)}>
        Keep
      </Button>
    </span>
  ) : (
    <Button size="sm" variant="dangerGhost" disabled={disabled} onClick={() => setArmed(true)}>
      {label}
    </Button>
  );
}
