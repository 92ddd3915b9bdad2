// "Seen" reports: the ids of announcements this browser rendered in a visible tab, sent once per
// account in one batched POST (a short wait gathers what one page shows). The server keeps one row
// per (announcement, account) whatever arrives; the memory here (localStorage, per account) only
// spares it repeats from every tab and every page load.
const KEY_PREFIX = "tandem.seenAnnouncements.";
const BATCH_MS = 800;
const MAX_REMEMBERED = 300;

const queued = new Set<string>();
let queuedFor: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined; // the pending batch, if any

function remembered(accountId: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY_PREFIX + accountId) ?? "[]");
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

function remember(accountId: string, ids: string[]): void {
  try {
    const all = [...remembered(accountId), ...ids].slice(-MAX_REMEMBERED);
    localStorage.setItem(KEY_PREFIX + accountId, JSON.stringify([...new Set(all)]));
  } catch {
    // storage full or disabled: the server still counts each account once
  }
}

/** Call when an announcement is on screen in a visible tab; `accountId` null (signed out) reports nothing. */
export function reportSeen(accountId: string | null | undefined, id: string): void {
  if (!accountId || remembered(accountId).has(id)) return;
  if (queuedFor !== accountId) queued.clear();
  queuedFor = accountId;
  queued.add(id);
  timer ??= setTimeout(flush, BATCH_MS);
}

async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const accountId = queuedFor;
  const ids = [...queued].slice(0, 50);
  queued.clear();
  if (!accountId || ids.length === 0) return;
  const res = await fetch("/api/announcements/seen", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ids }),
  }).catch(() => null);
  // Remembered only once the server has it; a failed report is tried again on the next render.
  if (res?.ok) remember(accountId, ids);
}
