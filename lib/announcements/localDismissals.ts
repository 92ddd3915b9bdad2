// Dismissals of signed-out visitors live in this browser only (signed-in users' live on the server).
const KEY = "tandem.dismissedAnnouncements";
const MAX_REMEMBERED = 200;

export function readLocalDismissals(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

export function addLocalDismissal(id: string): void {
  try {
    const ids = [...readLocalDismissals(), id].slice(-MAX_REMEMBERED);
    localStorage.setItem(KEY, JSON.stringify([...new Set(ids)]));
  } catch {
    // storage full or disabled: the dismissal lasts until the page is reloaded
  }
}

/** Calls back when another tab changes the stored dismissals. */
export function onLocalDismissalsChange(listener: () => void): () => void {
  const handler = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener("storage", handler);
  return () => window.removeEventListener("storage", handler);
}
