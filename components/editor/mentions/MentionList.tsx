// The "@" autocomplete's list: people first, then documents, as the shared keyboard listbox
// (components/ui/OptionList.tsx) driven from inside the editor (focus never leaves the text).
"use client";
import { forwardRef } from "react";
import { OptionHint, OptionList, type OptionListHandle } from "@/components/ui/OptionList";
import type { MentionItem } from "./mentionMenu";

export const MENTION_LISTBOX_ID = "mention-menu";
const optionId = (item: MentionItem) => `mention-menu-${item.kind}-${item.id}`;
const GROUP = { member: "People in this document", document: "Documents" } as const;

export type MentionListProps = {
  items: MentionItem[];
  loading: boolean;
  query: string;
  command: (item: MentionItem) => void;
  onActive: (optionId: string | null) => void;
};

export type MentionListHandle = OptionListHandle;

export const MentionList = forwardRef<MentionListHandle, MentionListProps>(function MentionList({ items, loading, query, command, onActive }, ref) {
  return (
    <OptionList
      handle={ref}
      id={MENTION_LISTBOX_ID}
      label="Mention a person or a document"
      testId="mention-menu"
      className="max-h-80 w-72 max-w-[calc(100vw-2rem)]"
      items={items}
      optionId={optionId}
      groupOf={(item) => GROUP[item.kind]}
      command={command}
      onActive={onActive}
      empty={loading ? "Looking…" : query ? `No one and no document matches “${query}”. Keep typing, or press Escape.` : "No one else is in this document yet."}
      renderOption={(item, selected) => (
        <>
          <span className="truncate font-medium">
            {item.kind === "member" ? "@" : ""}
            {item.label}
          </span>
          <OptionHint selected={selected}>{item.hint}</OptionHint>
        </>
      )}
    />
  );
});
