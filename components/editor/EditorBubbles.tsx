// The editor's floating helpers around its text: the format bubble on a selection, the link bubble
// and link editor (also Ctrl/Cmd+K), and the table bar. Editors only: a viewer gets none of them.
// The wrapper tracks whether focus is in the text or a bubble, so bubbles go away when you leave.
"use client";
import type { Editor } from "@tiptap/react";
import { useState, type ReactNode } from "react";
import { FormatBubble } from "./FormatBubble";
import { LinkBubble } from "./LinkBubble";
import { TableBubble } from "./TableBubble";
import type { LinkEditor } from "./useLinkEditing";

const isModK = (e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k";

export function EditorBubbles(props: { editor: Editor; links: LinkEditor; editable: boolean; onComment?: () => void; children: ReactNode }) {
  const { editor, links, editable } = props;
  const [focused, setFocused] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens to focus and keys bubbling up from the editor and its bubbles; no interaction of its own
    <div
      className="relative"
      // Ctrl/Cmd+K here is "link", not the app's search (SearchLauncher steps aside for this attribute).
      data-handles-mod-k={editable ? "" : undefined}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
      onKeyDown={(e) => {
        if (!editable || !isModK(e)) return;
        e.preventDefault();
        if (links.state.kind === "editing") links.close();
        else links.open();
      }}
    >
      {props.children}
      {editable && (
        <>
          <FormatBubble editor={editor} links={links} onComment={props.onComment} />
          <LinkBubble editor={editor} links={links} focused={focused} />
          <TableBubble editor={editor} focused={focused} hidden={links.state.kind === "editing"} />
        </>
      )}
    </div>
  );
}
