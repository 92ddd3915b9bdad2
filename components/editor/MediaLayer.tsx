// What the editor adds around its text for images and the keyboard: the image bar (alt text), the
// failed-upload toasts and the shortcut sheet. One element in CollaborativeEditor.
"use client";
import type { Editor } from "@tiptap/react";
import { ImageBubble } from "./ImageBubble";
import { ShortcutSheet } from "./ShortcutSheet";
import { UploadProblemToasts, type UploadProblems } from "./UploadProblems";

export function MediaLayer({ editor, editable, uploads }: { editor: Editor | null; editable: boolean; uploads: UploadProblems }) {
  return (
    <>
      {editor && editable && <ImageBubble editor={editor} />}
      <UploadProblemToasts problems={uploads.problems} dismiss={uploads.dismiss} />
      <ShortcutSheet />
    </>
  );
}
