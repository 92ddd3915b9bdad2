// A page row's actions (the "⋯" button, Shift+F10 or the context-menu key on a row): new sub-page,
// "Move to…", and the moves Alt+Shift+arrows make, named so a keyboard user finds them here too.
// The menu hangs from its row (components/ui/Menu: fixed, so the sidebar's scrolling box does not clip it).
"use client";
import { Menu } from "@/components/ui/Menu";

export type RowAction = { key: string; label: string; hint?: string; disabled?: boolean; run: () => void };

type Props = { id: string; actions: RowAction[]; labelledBy: string; onClose: (returnFocus: boolean) => void };

export function PageRowMenu({ id, actions, labelledBy, onClose }: Props) {
  return (
    <Menu
      sections={[{ key: "actions", items: actions.map((a) => ({ ...a, kind: "action" as const })) }]}
      labelledBy={labelledBy}
      testId="page-row-menu"
      data={{ "data-page-id": id }}
      onClose={onClose}
    />
  );
}
