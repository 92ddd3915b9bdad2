// The Tiptap editor bound to a collab session: the Y.Doc is the document, y-websocket awareness the carets.
"use client";
import { useEffect } from "react";
import { useEditor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import Placeholder from "@tiptap/extension-placeholder";
import { userColor } from "@/lib/collab/userColor";
import { pageNonce } from "@/lib/pageNonce";
import type { CollabSession } from "./useCollabSession";
import { renderCaret, renderSelection } from "./caret";
import { editorContentClass } from "./editorStyles";
import { documentExtensions } from "@/lib/editor/extensions";
import { ImageUpload, type ImageUploadOptions } from "./imageUpload";
import { SlashMenu } from "./slash/slashMenu";
import { MentionMenu } from "./mentions/mentionMenu";

export type EditorUser = { id: string; name: string };

/** `uploads`: where pasted, dropped and picked images go, and who hears of a failed one (read once, with the session). */
export function useCollabEditor(session: CollabSession, user: EditorUser, editable: boolean, uploads: ImageUploadOptions) {
  const editor = useEditor(
    {
      immediatelyRender: false, // rendered on the client only; avoids hydration mismatches
      injectNonce: pageNonce(), // Tiptap's <style> element: the page's CSP admits styles by nonce only
      editable,
      extensions: [
        ...documentExtensions(),
        Placeholder.configure({ placeholder: "Start writing…" }),
        ImageUpload.configure(uploads),
        SlashMenu,
        MentionMenu.configure({ documentId: uploads.documentId, userId: user.id }),
        Collaboration.configure({ document: session.doc }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { id: user.id, name: user.name, color: userColor(user.id) },
          render: renderCaret,
          selectionRender: renderSelection,
        }),
      ],
      editorProps: {
        attributes: {
          class: editorContentClass,
          "data-testid": "editor",
          "data-skip-target": "", // where "Skip to content" lands (components/layout/SkipLink.tsx)
          "aria-label": "Document text",
          role: "textbox",
          "aria-multiline": "true",
        },
      },
    },
    [session],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return editor;
}
