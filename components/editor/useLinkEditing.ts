// The link editor's lifecycle: closed, or editing one range (a new link on the selection, a new link
// with its own text at the caret, or an existing link). Opened by Ctrl/Cmd+K, the toolbar's Link and
// the bubbles; it acts on the editor's selection, which Yjs keeps pointing at the same text while
// others type.
"use client";
import { useCallback, useRef, useState } from "react";
import type { Editor } from "@tiptap/react";
import { PluginKey } from "@tiptap/pm/state";

export type LinkEditing =
  | { kind: "closed" }
  /** `withText`: nothing was selected, so the editor asks for the link's text too. */
  | { kind: "editing"; mode: "new"; withText: boolean }
  | { kind: "editing"; mode: "edit"; href: string };

/** The format bubble's plugin key: opening the link editor hides that bubble at once. */
export const formatBubbleKey = new PluginKey("formatBubble");

export type LinkEditor = ReturnType<typeof useLinkEditing>;

/** `editor` is null until Tiptap has created it (the hook must run on every render all the same). */
export function useLinkEditing(editor: Editor | null) {
  const [state, setState] = useState<LinkEditing>({ kind: "closed" });
  // Where the caret sat inside the link before editing selected all of it (as an offset from the
  // link's start, which Yjs keeps in place while others type): cancelling puts it back there, so the
  // link bubble shows again instead of a selection the next click may not collapse.
  const caretInLink = useRef<number | null>(null);

  const open = useCallback(() => {
    if (!editor?.isEditable) return;
    editor.view.dispatch(editor.state.tr.setMeta(formatBubbleKey, "hide"));
    if (editor.isActive("link")) {
      const href = String(editor.getAttributes("link").href ?? "");
      const caret = editor.state.selection.empty ? editor.state.selection.from : null;
      editor.commands.extendMarkRange("link"); // the whole link is what gets edited
      caretInLink.current = caret === null ? null : caret - editor.state.selection.from;
      setState({ kind: "editing", mode: "edit", href });
    } else {
      caretInLink.current = null;
      setState({ kind: "editing", mode: "new", withText: editor.state.selection.empty });
    }
  }, [editor]);

  const close = useCallback(() => {
    setState({ kind: "closed" });
    const offset = caretInLink.current;
    caretInLink.current = null;
    if (!editor) return;
    const { from, to, empty } = editor.state.selection;
    if (offset === null || empty) editor.commands.focus();
    else
      editor
        .chain()
        .focus()
        .setTextSelection(Math.min(from + offset, to))
        .run();
  }, [editor]);

  /** `href` already passed the link rule; `text` is used only when the editor asked for it. */
  const save = useCallback(
    (href: string, text: string) => {
      setState({ kind: "closed" });
      caretInLink.current = null;
      if (!editor) return;
      const chain = editor.chain().focus();
      if (editor.state.selection.empty) {
        chain.insertContent({ type: "text", text: text.trim() || href.replace(/^mailto:/, ""), marks: [{ type: "link", attrs: { href } }] });
      } else {
        chain.setLink({ href }).setTextSelection(editor.state.selection.to);
      }
      // Typing on after the link writes plain text, not more link.
      chain.unsetMark("link").run();
    },
    [editor],
  );

  const remove = useCallback(() => {
    setState({ kind: "closed" });
    editor?.chain().focus().extendMarkRange("link").unsetLink().run();
  }, [editor]);

  return { state, open, close, save, remove };
}
