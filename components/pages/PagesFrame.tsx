// A page with the page tree beside it (dashboard, document): a column on wide screens that can be
// hidden, a drawer behind a "Pages" button on narrow ones. `bar` sits on the row with that button
// (the document's breadcrumbs). One tree and one memory of what is expanded serve both places.
"use client";
import { type ReactNode, useCallback, useEffect, useId, useMemo, useState } from "react";
import { ancestorsOf } from "@/lib/pageTree";
import { useIsNarrow } from "@/components/history/useIsNarrow";
import { Button } from "@/components/ui/Button";
import { PagesDrawer } from "./PagesDrawer";
import { PagesPanel } from "./PagesPanel";
import { PagesContext } from "./pagesContext";
import { useCreatePage } from "./useCreatePage";
import { useExpanded } from "./useExpanded";
import { usePageTree } from "./usePageTree";
import { useTreeHidden } from "./useTreeHidden";

type Props = { currentId: string | null; bar?: ReactNode; children: ReactNode };

export function PagesFrame({ currentId, bar, children }: Props) {
  const tree = usePageTree();
  const expanded = useExpanded();
  const narrow = useIsNarrow();
  const [hidden, setHidden] = useTreeHidden();
  const [drawer, setDrawer] = useState(false);
  const closeDrawer = useCallback(() => setDrawer(false), []);
  const reload = tree.reload;
  const create = useCreatePage(useCallback(() => void reload(), [reload]));
  // The page being shown is always in view: its ancestors open (once; the person may close them again).
  const forest = tree.forest;
  const way = useMemo(() => (forest && currentId && forest.byId.has(currentId) ? ancestorsOf(forest, currentId).join(" ") : ""), [forest, currentId]);
  const openWay = expanded.open;
  useEffect(() => openWay(way ? way.split(" ") : []), [way, openWay]);
  const sideHeading = useId();
  const drawerHeading = useId();

  const showButton = (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => (narrow ? setDrawer(true) : setHidden(false))}
      aria-haspopup={narrow ? "dialog" : undefined}
      data-testid="show-pages"
      className={hidden ? "" : "lg:hidden"}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
        <path d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm.75 4.5a.75.75 0 0 0 0 1.5h14.5a.75.75 0 0 0 0-1.5H2.75Z" />
      </svg>
      Pages
    </Button>
  );

  return (
    <PagesContext value={tree}>
      <div data-wide-frame className="lg:flex lg:items-start lg:gap-6">
        {!hidden && (
          <aside
            aria-labelledby={sideHeading}
            data-testid="pages-sidebar"
            className="hidden w-64 shrink-0 lg:sticky lg:top-4 lg:block lg:max-h-[calc(100dvh-2rem)] lg:overflow-y-auto lg:border-r lg:border-zinc-200 lg:pr-3 lg:pb-24 dark:lg:border-zinc-800"
          >
            {!narrow && (
              <PagesPanel
                tree={tree}
                expanded={expanded}
                currentId={currentId}
                onCreate={create}
                headingId={sideHeading}
                closeButton={
                  <Button size="sm" variant="ghost" onClick={() => setHidden(true)} aria-label="Hide pages" title="Hide pages" data-testid="hide-pages">
                    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
                      <path d="M12.8 4.7a.75.75 0 0 1 0 1.06L8.56 10l4.24 4.24a.75.75 0 1 1-1.06 1.06l-4.77-4.77a.75.75 0 0 1 0-1.06L11.74 4.7a.75.75 0 0 1 1.06 0Z" />
                    </svg>
                  </Button>
                }
              />
            )}
          </aside>
        )}
        <div className="min-w-0 flex-1 space-y-4">
          <div className={`flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 ${bar || hidden ? "" : "lg:hidden"}`}>
            {showButton}
            {bar}
          </div>
          {children}
        </div>
        {narrow && (
          <PagesDrawer open={drawer} onClose={closeDrawer} labelledBy={drawerHeading}>
            <PagesPanel
              tree={tree}
              expanded={expanded}
              currentId={currentId}
              onCreate={create}
              onOpened={closeDrawer}
              headingId={drawerHeading}
              closeButton={
                <Button size="sm" variant="ghost" onClick={closeDrawer} aria-label="Close pages" data-testid="close-pages">
                  <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-5 w-5">
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </svg>
                </Button>
              }
            />
          </PagesDrawer>
        )}
      </div>
    </PagesContext>
  );
}
