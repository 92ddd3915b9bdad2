// Keeps the editor's comment highlights (components/editor/commentHighlights.ts) in step with the
// comments panel: open anchored threads are highlighted, resolved ones are not; the active thread is
// shared both ways (a click on a highlight activates its thread here, a click on a quote there).
"use client";
import { useEffect, useRef, useState } from "react";
import type { Editor } from "@tiptap/core";
import type { CommentView } from "@/lib/realtime/events";
import { type HighlightedThread, setCommentHighlights } from "@/components/editor/commentHighlights";

export function useCommentHighlights(editor: Editor | null | undefined, openRoots: CommentView[]) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const onActivate = useRef<(id: string | null) => void>(() => {});
  onActivate.current = (id) => {
    setActiveId(id);
    if (!id) return;
    // Open the thread in the panel: into view (on a phone the panel sits below the text).
    requestAnimationFrame(() => {
      document
        .querySelector<HTMLElement>(`[data-testid="comments-sidebar"] [data-testid="comment-thread"][data-comment-id="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  };

  // Only threads with an anchor are highlighted; an active thread that was resolved or deleted is no longer active.
  const anchored = openRoots.filter((c) => c.anchorFrom && c.anchorTo);
  const shownActive = activeId && anchored.some((c) => c.id === activeId) ? activeId : null;
  // As text, so the editor hears of a change only when a thread or its anchor really changed.
  const threads = JSON.stringify(anchored.map((c) => ({ id: c.id, anchorFrom: c.anchorFrom, anchorTo: c.anchorTo })));

  useEffect(() => {
    if (!editor) return;
    setCommentHighlights(editor, {
      threads: JSON.parse(threads) as HighlightedThread[],
      activeId: shownActive,
      onActivate: (id) => onActivate.current(id),
    });
  }, [editor, threads, shownActive]);

  useEffect(() => {
    if (!editor) return;
    return () => setCommentHighlights(editor, { threads: [], activeId: null, onActivate: null });
  }, [editor]);

  return { activeId: shownActive, activate: (id: string | null) => onActivate.current(id) };
}
