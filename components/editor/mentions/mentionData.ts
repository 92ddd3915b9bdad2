// Who and what an "@" can name: the document's other members and the documents you can see, read
// once per FRESH_MS and filtered as you type. Used by the editor's "@" menu and the comment box's.
import { api } from "@/lib/api";
import type { MentionItem } from "./mentionMenu";

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
