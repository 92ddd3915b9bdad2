// "Seen" reports: the ids of announcements this browser rendered in a visible tab, sent once per
// account in one batched POST (a short wait gathers what one page shows). The server keeps one row
// per (announcement, account) whatever arrives; the memory here (localStorage, per account) only
// spares it repeats from every tab and every page load. Tabs that show a new announcement at the
// same moment (it arrived on all their streams) would all report before any remembers it, so the
// first one claims it for a few seconds and the others wait: one report per account, not per tab.
const KEY_PREFIX = "tandem.seenAnnouncements.";
const CLAIMS_PREFIX = "tandem.seenClaims.";
const BATCH_MS = 800;
const MAX_REMEMBERED = 300;
/** How long another tab's claim holds; past it (that tab closed, its report failed) this one reports. */
const CLAIM_MS = 5000;
const tabId = Math.random().toString(36).slice(2);

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

type Claims = Record<string, { tab: string; until: number }>;

function claims(accountId: string): Claims {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(CLAIMS_PREFIX + accountId) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Claims) : {};
  } catch {
    return {};
  }
}

/** Takes the report of `id` for this tab; false (and when to look again) while another tab holds it. */
function claim(accountId: string, id: string): { ok: true } | { ok: false; retryInMs: number } {
  const now = Date.now();
  const all = Object.fromEntries(Object.entries(claims(accountId)).filter(([, c]) => typeof c?.until === "number" && c.until > now));
  const held = all[id];
  if (held && held.tab !== tabId) return { ok: false, retryInMs: held.until - now + 50 };
  all[id] = { tab: tabId, until: now + CLAIM_MS };
  try {
    localStorage.setItem(CLAIMS_PREFIX + accountId, JSON.stringify(all));
  } catch {
    // storage disabled: every tab reports, the server still counts the account once
  }
  return { ok: true };
}

function release(accountId: string, ids: string[]): void {
  const all = claims(accountId);
  for (const id of ids) if (all[id]?.tab === tabId) delete all[id];
  try {
    localStorage.setItem(CLAIMS_PREFIX + accountId, JSON.stringify(all));
  } catch {
    // see claim()
  }
}

/** Call when an announcement is on screen in a visible tab; `accountId` null (signed out) reports nothing. */
export function reportSeen(accountId: string | null | undefined, id: string): void {
  if (!accountId || remembered(accountId).has(id)) return;
  const claimed = claim(accountId, id);
  // Another tab reports it; look again once its claim runs out, in case that report never made it.
  if (!claimed.ok) return void setTimeout(() => reportSeen(accountId, id), claimed.retryInMs);
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
  // Remembered only once the server has it (it answers once the report is stored); a failed
  // report is tried again on the next render, by whichever tab shows it.
  if (res?.ok) remember(accountId, ids);
  release(accountId, ids);
}
