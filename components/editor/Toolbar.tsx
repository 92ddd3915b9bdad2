// The formatting toolbar. Buttons show their state (aria-pressed) and are disabled when read-only.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { useRovingFocus } from "@/components/ui/useRovingFocus";
import { insertImagesFromPicker } from "./imageUpload";
import { Divider, ToolButton, ToolIcon } from "./ToolButton";
import { AlignButtons, HighlightButtons } from "./FormatButtons";

type ToolbarState = {
  h1: boolean;
  h2: boolean;
  h3: boolean;
  bold: boolean;
  italic: boolean;
  strike: boolean;
  bulletList: boolean;
  orderedList: boolean;
  taskList: boolean;
  blockquote: boolean;
  codeBlock: boolean;
  link: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canInsertTable: boolean;
};

/** `onLink` opens the link editor at the selection (on a link: to edit or remove it). */
export function Toolbar({ editor, disabled, onLink }: { editor: Editor; disabled: boolean; onLink: () => void }) {
  const s = useEditorState<ToolbarState>({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive("heading", { level: 1 }),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      strike: e.isActive("strike"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      taskList: e.isActive("taskList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
      link: e.isActive("link"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      canInsertTable: e.can().insertTable(), // not inside another table
    }),
  });
  const chain = () => editor.chain().focus();

  const roving = useRovingFocus<HTMLDivElement>();

  return (
    <div
      ref={roving.ref}
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
      role="toolbar"
      aria-label="Formatting"
      // On a phone one row that scrolls sideways (as in Google Docs), not three rows over the text.
      className="flex items-center overflow-x-auto border-t border-zinc-200 px-1 py-1 sm:flex-wrap sm:overflow-visible dark:border-zinc-800"
    >
      <ToolButton label="Heading 1" active={s.h1} disabled={disabled} onClick={() => chain().toggleHeading({ level: 1 }).run()}>
        H1
      </ToolButton>
      <ToolButton label="Heading 2" active={s.h2} disabled={disabled} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label="Heading 3" active={s.h3} disabled={disabled} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <Divider />
      <ToolButton label="Bold" active={s.bold} disabled={disabled} onClick={() => chain().toggleBold().run()}>
        <b>B</b>
      </ToolButton>
      <ToolButton label="Italic" active={s.italic} disabled={disabled} onClick={() => chain().toggleItalic().run()}>
        <i>I</i>
      </ToolButton>
      <ToolButton label="Strikethrough" active={s.strike} disabled={disabled} onClick={() => chain().toggleStrike().run()}>
        <s>S</s>
      </ToolButton>
      <ToolButton label="Link" active={s.link} disabled={disabled} onClick={onLink}>
        <ToolIcon>
          <path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2l-.9.9M11.5 8.5a3 3 0 0 0-4.2 0L4.7 11.1a3 3 0 0 0 4.2 4.2l.9-.9" />
        </ToolIcon>
      </ToolButton>
      <HighlightButtons editor={editor} disabled={disabled} />
      <Divider />
      <AlignButtons editor={editor} disabled={disabled} />
      <Divider />
      <ToolButton label="Bulleted list" active={s.bulletList} disabled={disabled} onClick={() => chain().toggleBulletList().run()}>
        <ToolIcon>
          <path d="M8 5.5h9M8 10h9M8 14.5h9" />
          <circle cx="4" cy="5.5" r="1" fill="currentColor" />
          <circle cx="4" cy="10" r="1" fill="currentColor" />
          <circle cx="4" cy="14.5" r="1" fill="currentColor" />
        </ToolIcon>
      </ToolButton>
      <ToolButton label="Numbered list" active={s.orderedList} disabled={disabled} onClick={() => chain().toggleOrderedList().run()}>
        <ToolIcon>
          <path d="M8.5 5.5h8.5M8.5 10h8.5M8.5 14.5h8.5M3.5 4l1-.5v4M3 12.2c.3-.5.8-.7 1.3-.7.7 0 1.2.4 1.2 1 0 .9-2.5 1.7-2.5 3h2.6" />
        </ToolIcon>
      </ToolButton>
      <ToolButton label="Task list" active={s.taskList} disabled={disabled} onClick={() => chain().toggleTaskList().run()}>
        <ToolIcon>
          <rect x="2.75" y="3.75" width="5" height="5" rx="1" />
          <path d="m3.9 6.3 1 1 1.8-2M10.5 6.25h6.5M10.5 13.75h6.5" />
          <rect x="2.75" y="11.25" width="5" height="5" rx="1" />
        </ToolIcon>
      </ToolButton>
      <ToolButton label="Quote" active={s.blockquote} disabled={disabled} onClick={() => chain().toggleBlockquote().run()}>
        “ ”
      </ToolButton>
      <ToolButton label="Code block" active={s.codeBlock} disabled={disabled} onClick={() => chain().toggleCodeBlock().run()}>
        {"</>"}
      </ToolButton>
      <ToolButton label="Insert divider" disabled={disabled} onClick={() => chain().setHorizontalRule().run()}>
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="h-4 w-4" aria-hidden="true">
          <path d="M2.5 10h15" />
          <path d="M6 5.5h8M6 14.5h8" strokeOpacity=".45" />
        </svg>
      </ToolButton>
      <ToolButton
        label="Insert table"
        disabled={disabled || !s.canInsertTable}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="h-4 w-4" aria-hidden="true">
          <rect x="2.75" y="3.75" width="14.5" height="12.5" rx="1.5" />
          <path d="M2.75 8h14.5M2.75 12h14.5M7.75 3.75v12.5M12.25 3.75v12.5" />
        </svg>
      </ToolButton>
      <ToolButton label="Insert image" disabled={disabled} onClick={() => void insertImagesFromPicker(editor)}>
        <ToolIcon>
          <rect x="2.75" y="3.75" width="14.5" height="12.5" rx="1.5" />
          <circle cx="7" cy="8" r="1.3" />
          <path d="m3 15 4.5-4.5 3 3 2-2 4.5 4.5" />
        </ToolIcon>
      </ToolButton>
      <Divider />
      <ToolButton label="Undo" disabled={disabled || !s.canUndo} onClick={() => chain().undo().run()}>
        ↶
      </ToolButton>
      <ToolButton label="Redo" disabled={disabled || !s.canRedo} onClick={() => chain().redo().run()}>
        ↷
      </ToolButton>
    </div>
  );
}
