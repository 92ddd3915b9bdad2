// The document's comments for a guest: read-only (writing comments needs an account), live as they change.
"use client";
import { useComments } from "@/components/comments/useComments";
import { RelativeTime } from "@/components/ui/RelativeTime";

export function GuestComments({ documentId }: { documentId: string }) {
  const comments = useComments(documentId);
  const open = comments.state.status === "ready" ? comments.state.comments.filter((c) => !c.resolved) : [];
  return (
    <section aria-labelledby="guest-comments-heading" data-testid="guest-comments" className="space-y-3">
      <h2 id="guest-comments-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Comments
        {open.length > 0 && <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">({open.length})</span>}
      </h2>
      {comments.state.status === "loading" && <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading comments…</p>}
      {comments.state.status === "error" && <p className="text-sm text-zinc-500 dark:text-zinc-400">{comments.state.message}</p>}
      {comments.state.status === "ready" && open.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p>}
      <ul className="space-y-2">
        {open.map((c) => (
          <li key={c.id} className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.author.name}</span> · <RelativeTime iso={c.createdAt} />
            </p>
            {c.quote && <p className="mt-1 truncate border-l-2 border-amber-400 pl-2 text-xs text-zinc-500 dark:text-zinc-400">{c.quote}</p>}
            <p className="mt-1 whitespace-pre-wrap break-words">{c.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
