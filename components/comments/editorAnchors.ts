// Comment anchors for a Tiptap editor bound to Yjs: the selection becomes a pair of Yjs relative
// positions (base64), which keep pointing at the same text while others edit; and back again.
// @tiptap/y-tiptap is the binding that @tiptap/extension-collaboration itself uses (a peer dependency).
import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import * as Y from "yjs";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import type { CommentView } from "@/lib/realtime/events";
import { COMMENT_QUOTE_MAX } from "@/lib/realtime/events";
import type { Anchor } from "./useComments";

type SyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null };

function syncState(editor: Editor | EditorState): SyncState | null {
  const state = ySyncPluginKey.getState("state" in editor ? editor.state : editor) as SyncState | undefined;
  return state?.binding ? state : null;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The current selection as a comment anchor, or null when nothing (or only a caret) is selected. */
export function selectionAnchor(editor: Editor): Anchor | null {
  const sync = syncState(editor);
  const { from, to, empty } = editor.state.selection;
  if (!sync || empty) return null;
  const encode = (pos: number) => toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, sync.type, sync.binding!.mapping as never)));
  const quote = editor.state.doc.textBetween(from, to, " ").slice(0, COMMENT_QUOTE_MAX);
  return { anchorFrom: encode(from), anchorTo: encode(to), quote };
}

/** Where a comment's anchor is in the editor now, or null when its text was deleted. */
export function anchorRange(editor: Editor | EditorState, comment: Pick<CommentView, "anchorFrom" | "anchorTo">): { from: number; to: number } | null {
  const sync = syncState(editor);
  if (!sync || !comment.anchorFrom || !comment.anchorTo) return null;
  const decode = (b64: string) =>
    relativePositionToAbsolutePosition(sync.doc, sync.type, Y.decodeRelativePosition(fromBase64(b64)), sync.binding!.mapping as never);
  const from = decode(comment.anchorFrom);
  const to = decode(comment.anchorTo);
  return from === null || to === null || to <= from ? null : { from, to };
}

/** Selects and scrolls to a comment's text, e.g. as the sidebar's `onFocusComment`. */
export function focusAnchor(editor: Editor, comment: Pick<CommentView, "anchorFrom" | "anchorTo">): boolean {
  const range = anchorRange(editor, comment);
  if (!range) return false;
  editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  return true;
}
