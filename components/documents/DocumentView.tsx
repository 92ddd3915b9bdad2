// The document page: title, your role, sharing, and the editor (with room for comments beside it).
"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useSessionEnded, useUser } from "@/components/layout/SessionProvider";
import { SignedOutNotice } from "@/components/layout/SignedOutNotice";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { RoleBadge } from "@/components/ui/RoleBadge";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Skeleton } from "@/components/ui/Skeleton";
import { useDocument } from "./useDocument";
import { DocumentTitle } from "./DocumentTitle";
import { CollaborativeEditor } from "@/components/editor/CollaborativeEditor";
import { CommentsSidebar } from "@/components/comments/CommentsSidebar";
import { focusAnchor, selectionAnchor } from "@/components/comments/editorAnchors";
import type { Editor } from "@tiptap/react";
import { AccessNotice } from "@/components/editor/AccessNotice";
import { useAccessLost } from "./useAccessLost";
import { useScrollToMatch } from "@/components/search/useScrollToMatch";
import { TrashedDocumentNotice } from "@/components/trash/TrashedDocumentNotice";
import { DeleteToTrashButton } from "@/components/trash/DeleteToTrashButton";
import { useDocumentHistory } from "@/components/history/useDocumentHistory";
import { HistoryButton } from "@/components/history/HistoryButton";
import { DownloadMenu } from "@/components/exchange/DownloadMenu";
import { HistoryArea } from "@/components/history/HistoryArea";
import { StarButton } from "@/components/shortcuts/StarButton";
import { useFavourite } from "@/components/shortcuts/useShortcuts";
import { PagesFrame } from "@/components/pages/PagesFrame";
import { Breadcrumbs } from "@/components/pages/Breadcrumbs";
import { useBreadcrumbs } from "@/components/pages/useBreadcrumbs";
import { NewSubPageButton } from "@/components/pages/NewSubPageButton";

// Not needed for the first paint: loaded when first opened (the share dialog stays mounted after, so
// closing and reopening it is instant).
const ShareDialog = dynamic(() => import("./ShareDialog").then((m) => m.ShareDialog), { ssr: false });
const HistoryPanel = dynamic(() => import("@/components/history/HistoryPanel").then((m) => m.HistoryPanel), { ssr: false });

export function DocumentView({ id }: { id: string }) {
  const user = useUser();
  const router = useRouter();
  const { state, reload, rename } = useDocument(id);
  const signedOut = useSessionEnded(); // read-only, with a way back in, until they sign in again
  const [sharing, setSharing] = useState(false);
  const [shareOpened, setShareOpened] = useState(false); // once opened, the dialog stays mounted
  useEffect(() => {
    if (sharing) setShareOpened(true);
  }, [sharing]);
  const [editor, setEditor] = useState<Editor | null>(null);
  useScrollToMatch(editor); // opened from search (?q=): the first match, selected and in view
  // When our access changes, refresh the role; when it ends, say why, once (whichever channel says it first).
  const access = useAccessLost(id, () => void reload());
  const lost = access.state.kind === "lost";
  // Version history: a panel in the comments' place, and versions shown in the editor's.
  const history = useDocumentHistory(id, state.status === "ready" && !state.offline && !lost && !signedOut);
  const favourite = useFavourite(id);
  const crumbs = useBreadcrumbs(id, state.status === "ready" && !state.offline && !lost);

  // The format bubble's "Comment": the sidebar's new-comment box takes focus, and with it the selection as its anchor.
  const startComment = () => document.querySelector<HTMLTextAreaElement>('[data-testid="comments-sidebar"] form textarea')?.focus();

  // Opened from this device's copy with no network: editing works, anything that asks the server waits.
  const offline = state.status === "ready" && state.offline === true;
  const title = state.status === "ready" ? state.doc.title : null;
  useEffect(() => {
    if (title) document.title = `${title} · Tandem`;
  }, [title]);

  const canWrite = state.status === "ready" && !lost && state.doc.role !== "viewer";
  return (
    <PagesFrame
      currentId={id}
      bar={
        <>
          <Breadcrumbs state={crumbs} />
          {canWrite && <NewSubPageButton parentId={id} disabled={signedOut || offline} />}
        </>
      }
    >
      <div className="space-y-4">
        {signedOut && <SignedOutNotice />}
        {access.state.kind === "lost" && !signedOut && <AccessNotice tone="error" message={access.state.message} />}
        {favourite.error && <Alert>{favourite.error}</Alert>}
        {state.status === "loading" && (
          <div role="status" aria-label="Loading document" className="space-y-4">
            <Skeleton className="h-8 w-72 max-w-full" />
            <Skeleton className="h-96 w-full" />
          </div>
        )}
        {state.status === "not-found" && (
          // A member of a trashed document is told so (and its owner can restore it); anyone else, this.
          <TrashedDocumentNotice id={id} onRestored={() => void reload()} fallback={<NotFound />} />
        )}
        {state.status === "error" && (
          <Alert
            action={
              <Button size="sm" onClick={() => void reload()}>
                Try again
              </Button>
            }
          >
            We could not open this document. {state.message}
          </Alert>
        )}
        {state.status === "ready" && (
          <>
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 flex-1">
                <DocumentTitle
                  title={state.doc.title}
                  canRename={!signedOut && !lost && !offline && (state.doc.role === "owner" || state.doc.role === "editor")}
                  onRename={rename}
                />
                <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
                  {state.doc.role === "owner" ? "You own this" : `Owned by ${state.doc.ownerName}`} · Updated <RelativeTime iso={state.doc.updatedAt} />
                </p>
              </div>
              {/* Our role and the people are no longer ours to see once access is lost. */}
              {!lost && (
                <div className="flex flex-wrap items-center gap-1 sm:shrink-0 sm:gap-2">
                  {favourite.starred !== null && !signedOut && !offline && (
                    <StarButton size="md" title={state.doc.title} starred={favourite.starred} onToggle={() => void favourite.toggle()} />
                  )}
                  {/* On a phone the line under the title says the role already; the row keeps Share on it. */}
                  <span className="hidden sm:inline-flex">
                    <RoleBadge role={state.doc.role} />
                  </span>
                  {state.doc.role === "owner" && <DeleteToTrashButton id={state.doc.id} title={state.doc.title} disabled={signedOut || offline} />}
                  <HistoryButton history={history} disabled={signedOut || offline} />
                  <DownloadMenu documentId={state.doc.id} disabled={signedOut || offline} />
                  <Button variant={state.doc.role === "owner" ? "primary" : "secondary"} disabled={signedOut || offline} onClick={() => setSharing(true)}>
                    {state.doc.role === "owner" ? "Share" : "People"}
                  </Button>
                </div>
              )}
            </div>

            {/* Side by side on wide screens; on narrow ones the comments follow the document. */}
            <div className="flex flex-col gap-6 lg:flex-row">
              <section aria-label="Document content" className="min-w-0 flex-1">
                <HistoryArea history={history} editor={editor} can={{ edit: state.doc.role !== "viewer", own: state.doc.role === "owner" }} />
                {/* Kept live (hidden) while a version shows, so going back to editing is instant. */}
                <div hidden={history.view.kind !== "current"}>
                  <CollaborativeEditor
                    documentId={state.doc.id}
                    user={{ id: user.id, name: user.name }}
                    readOnly={signedOut || state.doc.role === "viewer"}
                    onEditor={setEditor}
                    onAccessEnded={access.lose}
                    ended={lost}
                    onComment={startComment}
                  />
                </div>
              </section>
              {history.isOpen && <HistoryPanel history={history} role={state.doc.role} />}
              {/* Comments anchor to the editor's selection as Yjs relative positions. Gone with our access. */}
              {offline && !lost && (
                <aside aria-label="Comments" data-testid="comments-offline" className="w-full text-sm text-zinc-600 lg:w-72 lg:shrink-0 dark:text-zinc-400">
                  Comments show again when you are back online.
                </aside>
              )}
              {!lost && !offline && (
                <aside aria-label="Comments" hidden={history.isOpen} className="w-full lg:w-72 lg:shrink-0">
                  <CommentsSidebar
                    editor={editor}
                    getSelectionAnchor={editor ? () => selectionAnchor(editor) : undefined}
                    onFocusComment={editor ? (comment) => focusAnchor(editor, comment) : undefined}
                    documentId={state.doc.id}
                    canComment={!signedOut && state.doc.role !== "viewer"}
                    isOwner={state.doc.role === "owner"}
                  />
                </aside>
              )}
            </div>

            {(sharing || shareOpened) && (
              <ShareDialog doc={state.doc} user={user} open={sharing} onClose={() => setSharing(false)} onLeft={() => router.push("/dashboard")} />
            )}
          </>
        )}
      </div>
    </PagesFrame>
  );
}

function NotFound() {
  return (
    <div data-testid="document-not-found" className="rounded-lg border border-zinc-200 bg-white px-6 py-12 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">This document doesn&apos;t exist or you don&apos;t have access.</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">It may have been deleted, or its owner has not shared it with you.</p>
      <ButtonLink href="/dashboard" className="mt-6">
        Go to your documents
      </ButtonLink>
    </div>
  );
}
