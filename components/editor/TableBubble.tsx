// With the caret in a table: a small bar under it to add or remove rows and columns, or delete the
// table. Tab and Shift+Tab already move between cells (Tab in the last cell adds a row).
"use client";
import { findParentNode } from "@tiptap/core";
import { useEditorState, type Editor } from "@tiptap/react";
import { CellSelection } from "@tiptap/pm/tables";
import { useCallback } from "react";
import { BubbleButton, bubblePanelClass } from "./BubbleButton";
import { floatingStartStyle, useFloatingAt } from "./useFloatingAt";

const findTable = findParentNode((node) => node.type.name === "table");

export function TableBubble({ editor, focused, hidden }: { editor: Editor; focused: boolean; hidden: boolean }) {
  const inTable = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const { selection } = e.state;
      // A text selection inside a cell gets the format bubble instead.
      return (selection.empty || selection instanceof CellSelection) && findTable(selection) !== undefined;
    },
  });
  const open = inTable && focused && !hidden && editor.isEditable;

  const reference = useCallback(() => {
    const table = findTable(editor.state.selection);
    const dom = table ? editor.view.nodeDOM(table.pos) : null;
    return dom instanceof HTMLElement ? dom.getBoundingClientRect() : null;
  }, [editor]);
  const ref = useFloatingAt<HTMLDivElement>(editor, open, reference);

  if (!open) return null;
  const chain = () => editor.chain().focus();
  return (
    <div ref={ref} style={floatingStartStyle} className="z-30" data-editor-bubble="table">
      <div role="toolbar" aria-label="Table" data-testid="table-bubble" className={`${bubblePanelClass} max-w-[calc(100vw-1rem)] flex-wrap`}>
        <BubbleButton label="Add row above" onClick={() => chain().addRowBefore().run()}>
          ↑ Row
        </BubbleButton>
        <BubbleButton label="Add row below" onClick={() => chain().addRowAfter().run()}>
          ↓ Row
        </BubbleButton>
        <BubbleButton label="Add column left" onClick={() => chain().addColumnBefore().run()}>
          ← Column
        </BubbleButton>
        <BubbleButton label="Add column right" onClick={() => chain().addColumnAfter().run()}>
          → Column
        </BubbleButton>
        <span aria-hidden="true" className="mx-0.5 hidden h-5 w-px bg-zinc-200 sm:block dark:bg-zinc-700" />
        <BubbleButton label="Delete row" danger onClick={() => chain().deleteRow().run()}>
          − Row
        </BubbleButton>
        <BubbleButton label="Delete column" danger onClick={() => chain().deleteColumn().run()}>
          − Column
        </BubbleButton>
        <BubbleButton label="Delete table" danger onClick={() => chain().deleteTable().run()}>
          Delete table
        </BubbleButton>
      </div>
    </div>
  );
}
