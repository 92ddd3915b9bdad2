// "@" in the comment box: the document's other members in the shared keyboard listbox, below the
// field. Focus stays in the textarea (it points at the highlighted option, aria-activedescendant);
// arrows move, Enter or Tab picks, Escape closes. Picking writes text the server reads as a mention
// of that member (lib/comments/mentionText.ts); the server decides who is notified when the comment
// is posted, from its text, among the document's members only (server/domain/comments.ts).
"use client";
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useId, useRef, useState } from "react";
import { OptionHint, OptionList, type OptionListHandle } from "@/components/ui/OptionList";
import type { MentionItem } from "@/components/editor/mentions/mentionMenu";
import { commentMentionText, mentionQueryAt } from "@/lib/comments/mentionText";

export type MentionContext = { documentId: string; userId: string };

type Open = { start: number; query: string; items: MentionItem[]; loading: boolean };

export function useMentionPicker(
  context: MentionContext | undefined,
  field: RefObject<HTMLTextAreaElement | null>,
  body: string,
  setBody: (body: string) => void,
) {
  const listId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const list = useRef<OptionListHandle>(null);
  const asked = useRef(0);

  /** Re-reads the "@query" at the caret after every change or caret move. */
  const refresh = useCallback(() => {
    const el = field.current;
    if (!context || !el) return;
    const at = mentionQueryAt(el.value, el.selectionStart ?? el.value.length);
    if (!at || el.selectionStart !== el.selectionEnd) {
      setOpen(null);
      return;
    }
    const ask = ++asked.current;
    setOpen((was) => ({ start: at.start, query: at.query, items: was?.items ?? [], loading: true }));
    void import("@/components/editor/mentions/mentionData")
      .then(({ mentionItems }) => mentionItems(context.documentId, context.userId, at.query))
      .then((items) => {
        if (ask !== asked.current) return;
        setOpen({ start: at.start, query: at.query, items: items.filter((i) => i.kind === "member"), loading: false });
      })
      .catch(() => setOpen(null));
  }, [context, field]);

  useEffect(() => {
    if (!body) setOpen(null); // cleared after sending
  }, [body]);

  const pick = useCallback(
    (item: MentionItem) => {
      const el = field.current;
      if (!open || !el) return;
      const end = el.selectionStart ?? el.value.length;
      const text = `${commentMentionText(item.label, item.hint)} `;
      const next = el.value.slice(0, open.start) + text + el.value.slice(end);
      setBody(next);
      setOpen(null);
      asked.current++;
      const caret = open.start + text.length;
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(caret, caret);
      });
    },
    [field, open, setBody],
  );

  /** The textarea's keys while the list is open; true when the list took the key. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setOpen(null);
      return true;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (list.current?.onKeyDown(e)) {
      e.preventDefault();
      return true;
    }
    return false;
  };

  const fieldProps = {
    // A textbox that owns a popup list, as the editor is: no combobox role on a textarea.
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open && activeId ? activeId : undefined,
    onSelect: refresh,
    onBlur: () => setOpen(null),
  };

  const picker = open ? (
    <div className="relative">
      <div className="absolute inset-x-0 top-0 z-30">
        <OptionList
          handle={list}
          id={listId}
          label="Mention a member"
          testId="comment-mention-menu"
          className="max-h-60 w-full"
          items={open.items}
          optionId={(item) => `${listId}-${item.id}`}
          command={pick}
          onActive={setActiveId}
          empty={
            open.loading ? "Looking…" : open.query ? `No member matches “${open.query}”. Keep typing, or press Escape.` : "No one else is in this document yet."
          }
          renderOption={(item, selected) => (
            <>
              <span className="truncate font-medium">@{item.label}</span>
              <OptionHint selected={selected}>{item.hint}</OptionHint>
            </>
          )}
        />
      </div>
    </div>
  ) : null;

  return { fieldProps, onKeyDown, refresh, picker };
}
