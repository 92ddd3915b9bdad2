// Comment threads shown in the text: each open thread's anchored range gets a highlight (the active
// thread's stronger), and clicking one tells the page which thread it belongs to. ProseMirror
// decorations, not marks: nothing is written into the shared document, so nobody's text changes.
//
// The page hands the threads over with `setCommentHighlights` (a transaction meta). Ranges come from
// the comments' Yjs relative positions: re-read whenever a change arrives through Yjs (a collaborator's
// edit, an undo), and mapped through local edits in between (the Yjs document only catches up with
// a local edit after this plugin has seen it, so reading the anchors then would lag by one change).
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { anchorRange } from "@/components/comments/editorAnchors";

export type HighlightedThread = { id: string; anchorFrom: string | null; anchorTo: string | null };

/** `onActivate` hears the thread under a click in the text, or null for a click outside every highlight. */
type Settings = { threads: HighlightedThread[]; activeId: string | null; onActivate: ((id: string | null) => void) | null };
type PluginState = Settings & { decorations: DecorationSet };

export const commentHighlightsKey = new PluginKey<PluginState>("commentHighlights");

export const HIGHLIGHT_CLASS =
  "comment-highlight cursor-pointer rounded-sm bg-amber-100/80 decoration-amber-400 underline decoration-2 underline-offset-4 dark:bg-amber-400/15 dark:decoration-amber-500";
export const ACTIVE_HIGHLIGHT_CLASS =
  "comment-highlight comment-highlight-active cursor-pointer rounded-sm bg-amber-300/80 decoration-amber-600 underline decoration-2 underline-offset-4 dark:bg-amber-400/40 dark:decoration-amber-300";

function build(state: EditorState, s: Settings): DecorationSet {
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const thread of s.threads) {
    const range = anchorRange(state, thread);
    if (!range) continue; // its text was deleted, or the document is not bound to Yjs (yet)
    const from = Math.max(0, Math.min(range.from, size));
    const to = Math.max(0, Math.min(range.to, size));
    if (to <= from) continue;
    const active = thread.id === s.activeId;
    decorations.push(
      Decoration.inline(
        from,
        to,
        { class: active ? ACTIVE_HIGHLIGHT_CLASS : HIGHLIGHT_CLASS, "data-comment-id": thread.id },
        // Like the Yjs anchors: text typed at the start stays outside, text typed at the end joins.
        { inclusiveStart: false, inclusiveEnd: true, commentId: thread.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Gives the editor the threads to highlight, which one is active, and who hears a click on one. */
export function setCommentHighlights(editor: Editor, settings: Partial<Settings>): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, settings).setMeta("addToHistory", false));
}

/** The thread whose highlight covers `pos`: the active one if it is among them, else the shortest (innermost). */
export function threadAt(state: EditorState, pos: number): string | null {
  const s = commentHighlightsKey.getState(state);
  if (!s) return null;
  const found = s.decorations.find(pos, pos, (spec) => typeof spec.commentId === "string");
  const covering = found.filter((d) => d.from <= pos && pos <= d.to);
  if (covering.length === 0) return null;
  const active = covering.find((d) => d.spec.commentId === s.activeId);
  if (active) return s.activeId;
  covering.sort((a, b) => a.to - a.from - (b.to - b.from));
  return covering[0]!.spec.commentId as string;
}

function apply(tr: Transaction, prev: PluginState, state: EditorState): PluginState {
  const meta = tr.getMeta(commentHighlightsKey) as Partial<Settings> | undefined;
  if (meta) {
    const next = { ...prev, ...meta };
    return { ...next, decorations: build(state, next) };
  }
  if (!tr.docChanged) return prev;
  const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
  return { ...prev, decorations: fromYjs ? build(state, prev) : prev.decorations.map(tr.mapping, tr.doc) };
}

export const CommentHighlights = Extension.create({
  name: "commentHighlights",

  addProseMirrorPlugins() {
    return [
      new Plugin<PluginState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ threads: [], activeId: null, onActivate: null, decorations: DecorationSet.empty }),
          apply: (tr, prev, _old, state) => apply(tr, prev, state),
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          // A click on highlighted text opens its thread; the caret still lands where clicked.
          handleClick: (view, pos) => {
            const s = commentHighlightsKey.getState(view.state);
            s?.onActivate?.(threadAt(view.state, pos));
            return false;
          },
        },
      }),
    ];
  },
});
