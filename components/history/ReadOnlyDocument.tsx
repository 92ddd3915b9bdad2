// A version's text, read-only: a Tiptap editor with the document's own extensions (so it looks like
// the document) but no Yjs binding, no carets and no way to type. Nothing here reaches the live doc.
"use client";
import { EditorContent, useEditor } from "@tiptap/react";
import type { ProseMirrorNode } from "@/lib/contracts/history";
import { documentExtensions } from "@/lib/editor/extensions";
import { pageNonce } from "@/lib/pageNonce";
import { editorContentClass } from "@/components/editor/editorStyles";
import { EmptyState } from "@/components/ui/EmptyState";

const hasText = (node: ProseMirrorNode): boolean => Boolean(node.text?.trim()) || (node.content ?? []).some(hasText) || node.type === "image";

export function ReadOnlyDocument({ content, label }: { content: ProseMirrorNode; label: string }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      injectNonce: pageNonce(),
      editable: false,
      extensions: documentExtensions(),
      content,
      editorProps: {
        attributes: { class: editorContentClass, "data-testid": "version-content", "aria-label": label, role: "document" },
      },
    },
    [content],
  );
  if (!hasText(content)) return <EmptyState title="Nothing was written yet in this version." />;
  return <EditorContent editor={editor} />;
}
