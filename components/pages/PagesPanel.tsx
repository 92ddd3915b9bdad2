// What the sidebar and the phone's drawer both show: a "Pages" heading with "New page", then the tree
// (or why it is not there: loading, an error with a way to try again, no pages yet).
"use client";
import { type ReactNode, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { PageTree } from "./PageTree";
import type { Expanded } from "./useExpanded";
import type { PageTree as PageTreeData } from "./usePageTree";

type Props = {
  tree: PageTreeData;
  expanded: Expanded;
  currentId: string | null;
  onCreate: (parentId: string | null) => Promise<void>;
  onOpened?: () => void;
  headingId: string;
  /** The button that hides the panel (the sidebar's "Hide", the drawer's "Close"). */
  closeButton: ReactNode;
};

export function PagesPanel({ tree, expanded, currentId, onCreate, onOpened, headingId, closeButton }: Props) {
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  async function createTopLevel() {
    setCreating(true);
    setCreateError(null);
    try {
      await onCreate(null);
      onOpened?.();
    } catch (e) {
      setCreateError(`The page was not created. ${plainError(e)}`);
    } finally {
      setCreating(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-1">
        <h2 id={headingId} className="mr-auto px-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
          Pages
        </h2>
        <Button size="sm" variant="ghost" onClick={() => void createTopLevel()} busy={creating} busyLabel="Creating…" data-testid="new-page">
          <span aria-hidden="true">+</span> New page
        </Button>
        {closeButton}
      </div>
      {createError && (
        <p role="alert" className="px-1 text-xs text-red-700 dark:text-red-400">
          {createError}
        </p>
      )}
      {tree.state.status === "loading" && (
        <div role="status" aria-label="Loading pages" className="space-y-2 px-1">
          <Skeleton className="h-5 w-4/5" />
          <Skeleton className="h-5 w-3/5" />
          <Skeleton className="h-5 w-2/3" />
        </div>
      )}
      {tree.state.status === "error" && (
        <Alert
          action={
            <Button size="sm" onClick={() => void tree.reload()}>
              Try again
            </Button>
          }
        >
          We could not load your pages. {tree.state.message}
        </Alert>
      )}
      {tree.state.status === "ready" && tree.state.pages.length === 0 && (
        <p className="px-1 text-sm text-zinc-600 dark:text-zinc-400">No pages yet. “New page” starts one.</p>
      )}
      <PageTree tree={tree} expanded={expanded} currentId={currentId} onCreate={onCreate} onOpened={onOpened} />
    </div>
  );
}
