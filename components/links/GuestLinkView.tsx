// What /s/<token> shows. Opening the link (POST /api/links/open) sets its cookie for this document;
// then a signed-in person goes on to the ordinary document page (with their own role, or the link's
// when it is higher), and a guest sees the document here: live, read-only or editable as the link
// says, comments to read, a banner saying they are a guest, and no dashboard. A dead link (revoked,
// expired, unknown, in the trash) and a link that stops working while open say the same one thing.
// The list of the link's sub-pages is live: the server sends it again ("link:pages") whenever a page
// is made under it, renamed, moved, trashed or stops inheriting; a page the link no longer opens leaves
// the list, and a guest reading it is taken back to the link's own page (its session ended server-side).
"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { shareLinksApi, type OpenedLink } from "@/lib/shareLinksApi";
import { ApiError } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { realtime, reconnectRealtime } from "@/lib/realtime/client";
import { useRealtimeEvent } from "@/lib/realtime/hooks";
import { type LinkPages, ServerEventSchemas } from "@/lib/realtime/events";
import { useSession } from "@/components/layout/SessionProvider";
import { CollaborativeEditor } from "@/components/editor/CollaborativeEditor";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { loginPathFor } from "@/components/layout/nextPath";
import { GuestComments } from "./GuestComments";
import { GuestPageList } from "./GuestPageList";
import { DeadLink } from "./DeadLink";

type State = { kind: "opening" } | { kind: "dead" } | { kind: "error"; message: string } | { kind: "guest"; link: OpenedLink } | { kind: "member" };

const GUEST = { id: "guest", name: "Guest" };

export function GuestLinkView({ token }: { token: string }) {
  const router = useRouter();
  const { status } = useSession();
  const [state, setState] = useState<State>({ kind: "opening" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how "Try again" opens the link once more
  useEffect(() => {
    if (status === "loading") return; // wait: a signed-in person goes on to the document page
    let cancelled = false;
    shareLinksApi.open(token).then(
      (link) => {
        if (cancelled) return;
        if (!link.guest) {
          setState({ kind: "member" });
          router.replace(`/documents/${link.documentId}`);
          return;
        }
        // socket.io's handshake names the document whose link cookie (just set) it uses.
        realtime().socket.auth = { linkDocument: link.documentId };
        reconnectRealtime();
        setState({ kind: "guest", link });
      },
      (e) => {
        if (cancelled) return;
        setState(e instanceof ApiError && e.status === 404 ? { kind: "dead" } : { kind: "error", message: plainError(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, status, router, attempt]);

  useEffect(() => {
    if (state.kind === "guest") document.title = `${state.link.title} · Tandem`;
  }, [state]);

  switch (state.kind) {
    case "opening":
    case "member":
      return (
        <div role="status" aria-label="Opening the shared document" className="space-y-4">
          <Skeleton className="h-8 w-72 max-w-full" />
          <Skeleton className="h-96 w-full" />
        </div>
      );
    case "dead":
      return <DeadLink />;
    case "error":
      return (
        <Alert
          action={
            <Button size="sm" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </Button>
          }
        >
          We could not open this link. {state.message}
        </Alert>
      );
    case "guest":
      return <GuestDocument link={state.link} token={token} onEnded={() => setState({ kind: "dead" })} />;
  }
}

const GONE_PAGE = "That page is no longer shared through this link.";

function GuestDocument({ link, token, onEnded }: { link: OpenedLink; token: string; onEnded: () => void }) {
  const canEdit = link.role !== "viewer";
  const root = link.documentId;
  const [list, setList] = useState<LinkPages>({ documentId: root, title: link.title, pages: link.pages });
  useRealtimeEvent("link:pages", (payload) => {
    const next = ServerEventSchemas["link:pages"].safeParse(payload);
    if (next.success && next.data.documentId === root) setList(next.data);
  });
  // The link opens its sub-pages too: the guest moves between them here, on the same link.
  const [chosen, setChosen] = useState(root);
  const [notice, setNotice] = useState<string | null>(null);
  const reachable = chosen === root || list.pages.some((p) => p.id === chosen);
  const pageId = reachable ? chosen : root;
  useEffect(() => {
    if (reachable) return;
    setChosen(root);
    setNotice(GONE_PAGE);
  }, [reachable, root]);
  const open = (id: string) => {
    setChosen(id);
    setNotice(null);
  };
  // A sub-page's session ended (moved out of the link's reach): back to the link's page. The link's own
  // page ending means the link itself stopped working.
  const ended = () => {
    if (pageId === root) return onEnded();
    setChosen(root);
    setNotice(GONE_PAGE);
  };
  const title = pageId === root ? list.title : (list.pages.find((p) => p.id === pageId)?.title ?? "");
  return (
    <div className="space-y-4">
      <div
        role="note"
        data-testid="guest-banner"
        className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100"
      >
        <p className="flex-1">You&apos;re {canEdit ? "editing" : "viewing"} as a guest — sign in to comment.</p>
        <ButtonLink href={loginPathFor(`/s/${token}`)} size="sm" variant="primary">
          Sign in
        </ButtonLink>
      </div>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title || "Untitled"}</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Shared with a link · {canEdit ? "anyone with it can edit" : "anyone with it can view"}</p>
      </div>
      {notice && (
        <p role="status" data-testid="guest-page-gone" className="text-sm text-amber-800 dark:text-amber-300">
          {notice}
        </p>
      )}
      <div className="flex flex-col gap-6 lg:flex-row">
        {list.pages.length > 0 && <GuestPageList list={list} current={pageId} onOpen={open} />}
        <section aria-label="Document content" className="min-w-0 flex-1">
          <CollaborativeEditor key={pageId} documentId={pageId} user={GUEST} readOnly={!canEdit} onAccessEnded={ended} />
        </section>
        <aside aria-label="Comments" className="w-full lg:w-72 lg:shrink-0">
          <GuestComments key={pageId} documentId={pageId} />
        </aside>
      </div>
    </div>
  );
}
