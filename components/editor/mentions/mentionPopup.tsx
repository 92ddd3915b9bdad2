// Loaded on the first "@" (mentionMenu.ts): what the autocomplete lists, the list itself, and the
// notification of a mentioned member (socket.io "mention:notify", checked by the server).
"use client";
import { ReactRenderer } from "@tiptap/react";
import type { SuggestionProps } from "@tiptap/suggestion";
import { api } from "@/lib/api";
import { realtime } from "@/lib/realtime/client";
import type { MentionItem } from "./mentionMenu";
import { MENTION_LISTBOX_ID, MentionList, type MentionListHandle, type MentionListProps } from "./MentionList";

/** How many of each kind the list shows. */
const PER_KIND = 5;
/** Members and documents are read once per this long, not on every key. */
const FRESH_MS = 30_000;

type Lists = { at: number; members: MentionItem[]; documents: MentionItem[] };
const cache = new Map<string, Promise<Lists>>();

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

async function load(documentId: string, userId: string): Promise<Lists> {
  // A list that fails (offline, or the document list is not ours to read) leaves the other one usable.
  const [members, documents] = await Promise.all([api.listMembers(documentId).catch(() => []), api.listDocuments().catch(() => [])]);
  return {
    at: Date.now(),
    members: members
      .filter((m) => m.userId !== userId)
      .map((m) => ({ kind: "member" as const, id: m.userId, label: m.name, hint: m.email }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    documents: documents
      .filter((d) => d.id !== documentId)
      .map((d) => ({ kind: "document" as const, id: d.id, label: d.title, hint: "Link to this document" })),
  };
}

function lists(documentId: string, userId: string): Promise<Lists> {
  const key = `${documentId}\0${userId}`;
  const cached = cache.get(key);
  if (cached) {
    void cached.then((l) => {
      if (Date.now() - l.at > FRESH_MS && cache.get(key) === cached) cache.delete(key);
    });
    return cached;
  }
  const fresh = load(documentId, userId);
  cache.set(key, fresh);
  return fresh;
}

/** Members whose name or email, and documents whose title, contain what was typed after "@". */
export async function mentionItems(documentId: string, userId: string, query: string): Promise<MentionItem[]> {
  const { members, documents } = await lists(documentId, userId);
  const q = fold(query.trim());
  const match = (item: MentionItem) => !q || fold(item.label).includes(q) || (item.kind === "member" && fold(item.hint).split("@")[0]!.includes(q));
  return [...members.filter(match).slice(0, PER_KIND), ...documents.filter(match).slice(0, PER_KIND)];
}

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
