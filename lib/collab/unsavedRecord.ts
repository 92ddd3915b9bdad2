// How many changes of a document exist only on this device (in its IndexedDB copy), kept in
// localStorage so that a later visit, and the dashboard, know of them before any socket opens.
"use client";

const PREFIX = "tandem-unsaved:";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled: the page still works, it just cannot remember
  }
}

export function readUnsaved(documentId: string): number {
  const n = Number(storage()?.getItem(PREFIX + documentId) ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function writeUnsaved(documentId: string, count: number): void {
  const s = storage();
  if (!s) return;
  try {
    if (count > 0) s.setItem(PREFIX + documentId, String(count));
    else s.removeItem(PREFIX + documentId);
  } catch {
    // quota: the count is a hint for the dashboard, the changes themselves are in IndexedDB
  }
}

/** Every document with changes only on this device, and how many. */
export function allUnsaved(): Map<string, number> {
  const found = new Map<string, number>();
  const s = storage();
  if (!s) return found;
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const id = key.slice(PREFIX.length);
    const n = readUnsaved(id);
    if (n > 0) found.set(id, n);
  }
  return found;
}
