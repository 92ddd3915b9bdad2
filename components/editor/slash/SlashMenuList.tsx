// The slash menu's list: the shared keyboard listbox (components/ui/OptionList.tsx), driven from inside
// the editor; slashMenu.ts points the editor at the highlighted option (aria-activedescendant).
"use client";
import { forwardRef } from "react";
import { OptionHint, OptionList, type OptionListHandle } from "@/components/ui/OptionList";
import type { SlashItem } from "./slashItems";

export const SLASH_LISTBOX_ID = "slash-menu";
export const slashOptionId = (id: string) => `slash-menu-${id}`;

export type SlashMenuProps = {
  items: SlashItem[];
  command: (item: SlashItem) => void;
  /** Tells the editor which option is highlighted (for aria-activedescendant). */
  onActive: (optionId: string | null) => void;
};

export type SlashMenuHandle = OptionListHandle;

export const SlashMenuList = forwardRef<SlashMenuHandle, SlashMenuProps>(function SlashMenuList({ items, command, onActive }, ref) {
  return (
    <OptionList
      handle={ref}
      id={SLASH_LISTBOX_ID}
      label="Insert a block"
      testId="slash-menu"
      items={items}
      optionId={(item) => slashOptionId(item.id)}
      command={command}
      onActive={onActive}
      empty="No block by that name. Keep typing, or press Escape."
      renderOption={(item, selected) => (
        <>
          <span className="font-medium">{item.title}</span>
          <OptionHint selected={selected}>{item.hint}</OptionHint>
        </>
      )}
    />
  );
});
