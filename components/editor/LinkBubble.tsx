// At a link: its address with Open (a new tab), Edit and Remove; while editing, the link editor.
// Both float at the link (or the selection) and move with it as the document changes.
"use client";
import { getMarkRange, posToDOMRect } from "@tiptap/core";
import { useEditorState, type Editor } from "@tiptap/react";
import { useCallback } from "react";
import { BubbleButton, bubblePanelClass } from "./BubbleButton";
import { LinkEditorForm } from "./LinkEditorForm";
import { floatingStartStyle, useFloatingAt } from "./useFloatingAt";
import type { LinkEditor } from "./useLinkEditing";

type AtLink = { href: string; from: number; to: number } | null;

function linkAtCaret(editor: Editor): AtLink {
  const { selection, schema } = editor.state;
  if (!selection.empty || !editor.isActive("link")) return null;
  const $pos = selection.$from;
  // At the end of a link the caret's marks carry it; its range is found from the character before.
  const range =
    getMarkRange($pos, schema.marks.link) ?? (selection.from > 1 ? getMarkRange(editor.state.doc.resolve(selection.from - 1), schema.marks.link) : undefined);
  if (!range) return null;
  return { href: String(editor.getAttributes("link").href ?? ""), ...range };
}

export function LinkBubble({ editor, links, focused }: { editor: Editor; links: LinkEditor; focused: boolean }) {
  const atLink = useEditorState({
    editor,
    selector: ({ editor: e }) => linkAtCaret(e),
    equalityFn: (a, b) => a?.href === b?.href && a?.from === b?.from && a?.to === b?.to,
  });
  const editing = links.state.kind === "editing" ? links.state : null;
  const showPreview = !editing && focused && atLink !== null && editor.isEditable;
  const open = editing !== null || showPreview;

  const reference = useCallback(() => {
    const { view, state } = editor;
    if (editing) return posToDOMRect(view, state.selection.from, state.selection.to);
    const at = linkAtCaret(editor);
    return at ? posToDOMRect(view, at.from, at.to) : null;
  }, [editor, editing]);
  const ref = useFloatingAt<HTMLDivElement>(editor, open, reference);

  if (!open) return null;
  return (
    <div ref={ref} style={floatingStartStyle} className="z-30" data-editor-bubble="link">
      {editing ? (
        <LinkEditorForm key={editing.mode} editing={editing} onSave={links.save} onCancel={links.close} />
      ) : (
        atLink && (
          <div role="toolbar" aria-label="Link" data-testid="link-bubble" className={`${bubblePanelClass} max-w-[calc(100vw-2rem)]`}>
            <span title={atLink.href} className="max-w-[14rem] truncate px-2 text-sm text-zinc-600 dark:text-zinc-300" data-testid="link-bubble-href">
              {atLink.href.replace(/^mailto:/, "")}
            </span>
            <a
              href={atLink.href}
              target="_blank"
              rel="noopener noreferrer"
              aria-label="Open link in a new tab"
              className="inline-flex h-8 items-center rounded px-2 text-sm font-medium text-indigo-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400 dark:hover:bg-zinc-800"
            >
              Open
            </a>
            <BubbleButton label="Edit link" onClick={links.open}>
              Edit
            </BubbleButton>
            <BubbleButton label="Remove link" danger onClick={links.remove}>
              Remove
            </BubbleButton>
          </div>
        )
      )}
    </div>
  );
}
