// The formatting toolbar. Buttons show their state (aria-pressed) and are disabled when read-only; what
// does not fit the row is in its "More" menu (OverflowToolbar), with the same state and its shortcut.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { type ReactNode, useState } from "react";
import { isMacPlatform, shortcutHint } from "@/lib/editor/shortcuts";
import { TOOLBAR_SHORTCUTS, type ToolbarItemId } from "@/lib/editor/toolbarLayout";
import { insertImagesFromPicker } from "./imageUpload";
import { ToolButton, ToolIcon } from "./ToolButton";
import { AlignButtons, alignMenuSection, HighlightButtons, highlightMenuSection, type HintOf, useAlignment, useHighlight } from "./FormatButtons";
import { OverflowToolbar, type OverflowItem } from "./OverflowToolbar";

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

const ICONS = {
  link: (
    <ToolIcon>
      <path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2l-.9.9M11.5 8.5a3 3 0 0 0-4.2 0L4.7 11.1a3 3 0 0 0 4.2 4.2l.9-.9" />
    </ToolIcon>
  ),
  bulletList: (
    <ToolIcon>
      <path d="M8 5.5h9M8 10h9M8 14.5h9" />
      <circle cx="4" cy="5.5" r="1" fill="currentColor" />
      <circle cx="4" cy="10" r="1" fill="currentColor" />
      <circle cx="4" cy="14.5" r="1" fill="currentColor" />
    </ToolIcon>
  ),
  orderedList: (
    <ToolIcon>
      <path d="M8.5 5.5h8.5M8.5 10h8.5M8.5 14.5h8.5M3.5 4l1-.5v4M3 12.2c.3-.5.8-.7 1.3-.7.7 0 1.2.4 1.2 1 0 .9-2.5 1.7-2.5 3h2.6" />
    </ToolIcon>
  ),
  taskList: (
    <ToolIcon>
      <rect x="2.75" y="3.75" width="5" height="5" rx="1" />
      <path d="m3.9 6.3 1 1 1.8-2M10.5 6.25h6.5M10.5 13.75h6.5" />
      <rect x="2.75" y="11.25" width="5" height="5" rx="1" />
    </ToolIcon>
  ),
  divider: (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="h-4 w-4" aria-hidden="true">
      <path d="M2.5 10h15" />
      <path d="M6 5.5h8M6 14.5h8" strokeOpacity=".45" />
    </svg>
  ),
  table: (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="h-4 w-4" aria-hidden="true">
      <rect x="2.75" y="3.75" width="14.5" height="12.5" rx="1.5" />
      <path d="M2.75 8h14.5M2.75 12h14.5M7.75 3.75v12.5M12.25 3.75v12.5" />
    </svg>
  ),
  image: (
    <ToolIcon>
      <rect x="2.75" y="3.75" width="14.5" height="12.5" rx="1.5" />
      <circle cx="7" cy="8" r="1.3" />
      <path d="m3 15 4.5-4.5 3 3 2-2 4.5 4.5" />
    </ToolIcon>
  ),
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
  const highlight = useHighlight(editor);
  const alignment = useAlignment(editor);
  const [mac] = useState(isMacPlatform);
  const hint: HintOf = (keys) => (keys ? shortcutHint(keys, mac) : undefined);
  const chain = () => editor.chain().focus();

  /** A button with a state (a mark, a block type): pressed in the row, checked in "More". */
  const toggle = (id: ToolbarItemId, label: string, active: boolean, run: () => void, icon: ReactNode): OverflowItem => ({
    id,
    button: (
      <ToolButton label={label} active={active} disabled={disabled} onClick={run}>
        {icon}
      </ToolButton>
    ),
    menu: { key: id, kind: "checkbox", label, icon, checked: active, hint: hint(TOOLBAR_SHORTCUTS[id]), disabled, run },
  });
  /** A button that does something once (insert, undo). */
  const action = (id: ToolbarItemId, label: string, enabled: boolean, run: () => void, icon: ReactNode): OverflowItem => ({
    id,
    button: (
      <ToolButton label={label} disabled={disabled || !enabled} onClick={run}>
        {icon}
      </ToolButton>
    ),
    menu: { key: id, kind: "action", label, icon, hint: hint(TOOLBAR_SHORTCUTS[id]), disabled: disabled || !enabled, run },
  });

  const items: OverflowItem[] = [
    toggle("h1", "Heading 1", s.h1, () => chain().toggleHeading({ level: 1 }).run(), "H1"),
    toggle("h2", "Heading 2", s.h2, () => chain().toggleHeading({ level: 2 }).run(), "H2"),
    toggle("h3", "Heading 3", s.h3, () => chain().toggleHeading({ level: 3 }).run(), "H3"),
    toggle("bold", "Bold", s.bold, () => chain().toggleBold().run(), <b>B</b>),
    toggle("italic", "Italic", s.italic, () => chain().toggleItalic().run(), <i>I</i>),
    toggle("strike", "Strikethrough", s.strike, () => chain().toggleStrike().run(), <s>S</s>),
    toggle("link", "Link", s.link, onLink, ICONS.link),
    { id: "highlight", button: <HighlightButtons highlight={highlight} disabled={disabled} />, menu: highlightMenuSection(highlight, disabled, hint) },
    { id: "align", button: <AlignButtons alignment={alignment} disabled={disabled} />, menu: alignMenuSection(alignment, disabled, hint) },
    toggle("bulletList", "Bulleted list", s.bulletList, () => chain().toggleBulletList().run(), ICONS.bulletList),
    toggle("orderedList", "Numbered list", s.orderedList, () => chain().toggleOrderedList().run(), ICONS.orderedList),
    toggle("taskList", "Task list", s.taskList, () => chain().toggleTaskList().run(), ICONS.taskList),
    toggle("blockquote", "Quote", s.blockquote, () => chain().toggleBlockquote().run(), "“ ”"),
    toggle("codeBlock", "Code block", s.codeBlock, () => chain().toggleCodeBlock().run(), "</>"),
    action("divider", "Insert divider", true, () => chain().setHorizontalRule().run(), ICONS.divider),
    action("table", "Insert table", s.canInsertTable, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), ICONS.table),
    action("image", "Insert image", true, () => void insertImagesFromPicker(editor), ICONS.image),
    action("undo", "Undo", s.canUndo, () => chain().undo().run(), "↶"),
    action("redo", "Redo", s.canRedo, () => chain().redo().run(), "↷"),
  ];
  return <OverflowToolbar label="Formatting" items={items} />;
}
