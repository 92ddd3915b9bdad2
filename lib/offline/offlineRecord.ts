// What this device remembers so a page can open with no network: who was signed in, and the documents
// whose Yjs state is in this browser's IndexedDB (opened here before), with the title, owner and role
// they had. Kept in localStorage, read back through zod (another tab or an old build may have written it),
// and forgotten on sign-out. The text itself is in IndexedDB (y-indexeddb), never here.
"use client";
import { z } from "zod";
import { User } from "@/lib/contracts/auth";
import { ListedDocument } from "@/lib/contracts/documents";
import type { DocumentSummary } from "@/lib/api";

const KEY = "tandem-offline:v1";
/** Enough for anyone's working set; the oldest opened fall off first. */
const MAX_DOCUMENTS = 200;

const OfflineDocument = ListedDocument.extend({ openedAt: z.number().int().nonnegative() });
const OfflineRecord = z.object({ user: User, documents: z.array(OfflineDocument).max(MAX_DOCUMENTS) });

export type OfflineDocument = z.infer<typeof OfflineDocument>;
type OfflineRecord = z.infer<typeof OfflineRecord>;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled: nothing is available offline, everything else works
  }
}

function read(): OfflineRecord | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = OfflineRecord.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(record: OfflineRecord | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (record) s.setItem(KEY, JSON.stringify(record));
    else s.removeItem(KEY);
  } catch {
    // quota: offline opening is a convenience; the online path does not depend on it
  }
}

/** The user last signed in on this device (for opening offline), or null. */
export function rememberedUser(): z.infer<typeof User> | null {
  return read()?.user ?? null;
}

/** Signed in: remember who. Someone else signing in starts a fresh list (not theirs to see). */
export function rememberUser(user: z.infer<typeof User>): void {
  const record = read();
  write({ user, documents: record && record.user.id === user.id ? record.documents : [] });
}

/** A document opened on this device (its state is now in IndexedDB), or its title or role changed. */
export function rememberDocument(doc: DocumentSummary): void {
  const record = read();
  if (!record) return; // no signed-in user remembered: nothing to attach it to
  const { id, title, ownerId, ownerName, createdAt, updatedAt, role } = doc; // only what the offline list shows
  const entry = OfflineDocument.safeParse({ id, title, ownerId, ownerName, createdAt, updatedAt, role, openedAt: Date.now() });
  if (!entry.success) return;
  const others = record.documents.filter((d) => d.id !== doc.id);
  write({ ...record, documents: [entry.data, ...others].slice(0, MAX_DOCUMENTS) });
}

/** Its local copy was dropped (access ended, deleted): no longer available offline. */
export function forgetDocument(documentId: string): void {
  const record = read();
  if (record) write({ ...record, documents: record.documents.filter((d) => d.id !== documentId) });
}

export function offlineDocument(documentId: string): OfflineDocument | null {
  return read()?.documents.find((d) => d.id === documentId) ?? null;
}

/** Documents available offline on this device, most recently opened first. */
export function offlineDocuments(): OfflineDocument[] {
  return [...(read()?.documents ?? [])].sort((a, b) => b.openedAt - a.openedAt);
}

/** Signed out: forget who and what (the shell caches are cleared by lib/offline/shellCache.ts). */
export function forgetEverything(): void {
  write(null);
}
