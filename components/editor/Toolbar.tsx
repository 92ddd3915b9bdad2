// The formatting toolbar. Buttons show their state (aria-pressed) and are disabled when read-only.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { useRovingFocus } from "@/components/ui/useRovingFocus";
import { insertImagesFromPicker } from "./imageUpload";
import { Divider, ToolButton } from "./ToolButton";
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
      className="flex flex-wrap items-center gap-0.5 border-t border-zinc-200 px-2 py-1 dark:border-zinc-800"
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
        Link
      </ToolButton>
      <HighlightButtons editor={editor} disabled={disabled} />
      <Divider />
      <AlignButtons editor={editor} disabled={disabled} />
      <Divider />
      <ToolButton label="Bulleted list" active={s.bulletList} disabled={disabled} onClick={() => chain().toggleBulletList().run()}>
        • List
      </ToolButton>
      <ToolButton label="Numbered list" active={s.orderedList} disabled={disabled} onClick={() => chain().toggleOrderedList().run()}>
        1. List
      </ToolButton>
      <ToolButton label="Task list" active={s.taskList} disabled={disabled} onClick={() => chain().toggleTaskList().run()}>
        ☑ Tasks
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
        Image
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
