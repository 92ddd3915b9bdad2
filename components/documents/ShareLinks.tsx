// "Share with a link" in the owner's share dialog: make a link anyone can open (view or edit, with an
// optional expiry), copy it again at any time, change what it allows, or turn it off. Turning a link
// off ends every open session that came in through it at once.
"use client";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { shareLinksApi, type LinkRole, type ShareLink } from "@/lib/shareLinksApi";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { CopyButton } from "@/components/ui/CopyButton";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { useAsk } from "@/components/ui/AskDialog";
import { selectClass } from "./AddMemberForm";

const EXPIRIES = [
  { value: "never", label: "Never expires", ms: null },
  { value: "1d", label: "Expires in 1 day", ms: 24 * 3600_000 },
  { value: "7d", label: "Expires in 7 days", ms: 7 * 24 * 3600_000 },
  { value: "30d", label: "Expires in 30 days", ms: 30 * 24 * 3600_000 },
] as const;
type Expiry = (typeof EXPIRIES)[number]["value"];

const ROLE_TEXT: Record<LinkRole, string> = { viewer: "Anyone with the link can view", editor: "Anyone with the link can edit" };

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; links: ShareLink[] };

export function ShareLinks({ documentId, open }: { documentId: string; open: boolean }) {
  const ask = useAsk();
  const [state, setState] = useState<State>({ status: "loading" });
  const [role, setRole] = useState<LinkRole>("viewer");
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: "loading" });
    try {
      setState({ status: "ready", links: await shareLinksApi.list(documentId) });
    } catch (e) {
      setState({ status: "error", message: plainError(e) });
    }
  }, [documentId]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const update = (change: (links: ShareLink[]) => ShareLink[]) => setState((s) => (s.status === "ready" ? { status: "ready", links: change(s.links) } : s));

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const ms = EXPIRIES.find((e) => e.value === expiry)?.ms ?? null;
      const link = await shareLinksApi.create(documentId, { role, expiresAt: ms ? new Date(Date.now() + ms).toISOString() : null });
      update((links) => [link, ...links]);
    } catch (e) {
      setError(plainError(e));
    } finally {
      setCreating(false);
    }
  }

  async function run(id: string, action: () => Promise<void>) {
    setBusyId(id);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusyId(null);
    }
  }

  const changeRole = (link: ShareLink, next: LinkRole) =>
    run(link.id, async () => {
      const changed = await shareLinksApi.changeRole(documentId, link.id, next);
      update((links) => links.map((l) => (l.id === link.id ? changed : l)));
    });

  const revoke = async (link: ShareLink) => {
    const ok = await ask.confirm({
      title: "Turn off this link?",
      message: "Anyone who opened it loses access right away, and the link stops working. You can make a new one at any time.",
      confirmLabel: "Turn off link",
      danger: true,
    });
    if (!ok) return;
    await run(link.id, async () => {
      await shareLinksApi.revoke(documentId, link.id);
      update((links) => links.filter((l) => l.id !== link.id));
    });
  };

  return (
    <section aria-labelledby="share-links-heading" className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800" data-testid="share-links">
      <h3 id="share-links-heading" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Share with a link
      </h3>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        People who open the link need no account. Guests can read comments; writing comments needs an account.
      </p>
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Access
          <select aria-label="Link access" value={role} onChange={(e) => setRole(e.target.value as LinkRole)} className={selectClass}>
            <option value="viewer">Can view</option>
            <option value="editor">Can edit</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Expiry
          <select aria-label="Link expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)} className={selectClass}>
            {EXPIRIES.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" busy={creating} busyLabel="Creating…">
          Create link
        </Button>
      </form>
      {error && <Alert>{error}</Alert>}
      {state.status === "loading" && <SkeletonRows rows={1} label="Loading links" />}
      {state.status === "error" && (
        <Alert
          action={
            <Button size="sm" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      )}
      {state.status === "ready" && state.links.length > 0 && (
        <ul aria-label="Share links" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {state.links.map((link) => (
            <li key={link.id} data-testid="share-link-row" className="space-y-2 px-3 py-2">
              <div className="flex items-center gap-2">
                <input
                  readOnly
                  value={link.url}
                  aria-label="Link address"
                  onFocus={(e) => e.currentTarget.select()}
                  className="min-w-0 flex-1 truncate rounded border border-zinc-200 bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
                />
                <CopyButton value={link.url} label="Copy link" />
              </div>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                <select
                  aria-label="What this link allows"
                  value={link.role}
                  disabled={busyId === link.id}
                  onChange={(e) => void changeRole(link, e.target.value as LinkRole)}
                  className={`${selectClass} py-1 text-xs`}
                >
                  <option value="viewer">{ROLE_TEXT.viewer}</option>
                  <option value="editor">{ROLE_TEXT.editor}</option>
                </select>
                <span>
                  Created <RelativeTime iso={link.createdAt} />
                </span>
                <span>
                  {link.expiresAt ? (
                    <>
                      Expires <RelativeTime iso={link.expiresAt} />
                    </>
                  ) : (
                    "No expiry"
                  )}
                </span>
                <Button
                  size="sm"
                  variant="dangerGhost"
                  className="ml-auto"
                  disabled={busyId === link.id}
                  aria-label="Turn off this link"
                  onClick={() => void revoke(link)}
                >
                  Turn off
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
