// Selecting text shows a small bar above it: bold, italic, strikethrough, code, link, and a comment
// on the selection (when the page has comments). Editors only; Tab from the text reaches it.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import { isTextSelection } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { BubbleButton, bubblePanelClass } from "./BubbleButton";
import { formatBubbleKey, type LinkEditor } from "./useLinkEditing";
import { clearOfChrome } from "./clearOfChrome";

const OFFSET = 8;

type Marks = { bold: boolean; italic: boolean; strike: boolean; code: boolean; link: boolean };

/**
 * Above the selection, or below it when above would cover the sticky toolbar (a first-line selection).
 * The padding is computed at each placement: where the toolbar is changes as the page scrolls.
 */
function placement(editor: Editor) {
  return {
    placement: "top" as const,
    offset: OFFSET,
    flip: () => ({ padding: clearOfChrome(editor.view.dom, OFFSET) }),
    shift: () => ({ padding: clearOfChrome(editor.view.dom) }),
  };
}

export function FormatBubble({ editor, links, onComment }: { editor: Editor; links: LinkEditor; onComment?: () => void }) {
  const marks = useEditorState<Marks>({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      strike: e.isActive("strike"),
      code: e.isActive("code"),
      link: e.isActive("link"),
    }),
  });
  const editing = links.state.kind === "editing";
  // Text selections only (a selection of table cells gets the table bar), never while the link editor is open.
  const shouldShow = useCallback(
    ({
      editor: e,
      view,
      state,
      from,
      to,
      element,
    }: {
      editor: Editor;
      view: Editor["view"];
      state: Editor["state"];
      from: number;
      to: number;
      element: HTMLElement;
    }) =>
      !editing &&
      e.isEditable &&
      (view.hasFocus() || element.contains(document.activeElement)) &&
      isTextSelection(state.selection) &&
      !state.selection.empty &&
      state.doc.textBetween(from, to).length > 0,
    [editing],
  );
  // One object per editor: a new one each render would make the menu re-send its options every time.
  const options = useMemo(() => placement(editor), [editor]);
  const chain = () => editor.chain().focus();
  // The plugin makes its wrapper a Tab stop of its own; Tab from the text should land on Bold instead.
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.tabIndex = -1;
  }, []);

  return (
    <BubbleMenu ref={menu} editor={editor} pluginKey={formatBubbleKey} shouldShow={shouldShow} options={options} className="z-30">
      <div role="toolbar" aria-label="Format selection" data-testid="format-bubble" className={bubblePanelClass}>
        <BubbleButton label="Bold" active={marks.bold} onClick={() => chain().toggleBold().run()}>
          <b>B</b>
        </BubbleButton>
        <BubbleButton label="Italic" active={marks.italic} onClick={() => chain().toggleItalic().run()}>
          <i>I</i>
        </BubbleButton>
        <BubbleButton label="Strikethrough" active={marks.strike} onClick={() => chain().toggleStrike().run()}>
          <s>S</s>
        </BubbleButton>
        <BubbleButton label="Inline code" active={marks.code} onClick={() => chain().toggleCode().run()}>
          <span className="font-mono text-xs">{"<>"}</span>
        </BubbleButton>
        <BubbleButton label={marks.link ? "Edit link" : "Add link"} active={marks.link} onClick={links.open}>
          Link
        </BubbleButton>
        {onComment && (
          <>
            <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-zinc-200 dark:bg-zinc-700" />
            <BubbleButton label="Comment on selection" onClick={onComment}>
              Comment
            </BubbleButton>
          </>
        )}
      </div>
    </BubbleMenu>
  );
}
