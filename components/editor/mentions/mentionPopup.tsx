// Loaded on the first "@" (mentionMenu.ts): what the autocomplete lists, the list itself, and the
// notification of a mentioned member (socket.io "mention:notify", checked by the server).
"use client";
import { ReactRenderer } from "@tiptap/react";
import type { SuggestionProps } from "@tiptap/suggestion";
import { realtime } from "@/lib/realtime/client";
import type { MentionItem } from "./mentionMenu";
export { mentionItems } from "./mentionData";
import { MENTION_LISTBOX_ID, MentionList, type MentionListHandle, type MentionListProps } from "./MentionList";

/** Tells the mentioned member, the way a mention in a comment does. A failure only costs the notice. */
export async function notifyMentioned(documentId: string, userId: string): Promise<void> {
  await realtime().request("mention:notify", { documentId, userIds: [userId] });
}

type Props = SuggestionProps<MentionItem, MentionItem>;

export function openMentionPopup(props: Props) {
  const dom = props.editor.view.dom;
  const onActive = (optionId: string | null) => {
    if (optionId) dom.setAttribute("aria-activedescendant", optionId);
    else dom.removeAttribute("aria-activedescendant");
  };
  const listProps = (p: Props): MentionListProps => ({ items: p.items, loading: p.loading ?? false, query: p.query, command: p.command, onActive });
  const renderer = new ReactRenderer<MentionListHandle, MentionListProps>(MentionList, { editor: props.editor, props: listProps(props), className: "z-50" });
  dom.setAttribute("aria-controls", MENTION_LISTBOX_ID);
  const unmount = props.mount(renderer.element as HTMLElement);
  return {
    update: (p: Props) => renderer.updateProps(listProps(p)),
    keyDown: (event: KeyboardEvent) => renderer.ref?.onKeyDown(event) ?? false,
    destroy: () => {
      unmount?.();
      renderer.destroy();
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    },
  };
}
