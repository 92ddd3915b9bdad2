// One account on the People page: who, since when, last seen, documents owned, and its actions
// (administrator rights, a password reset link, deactivate).
// Deactivating asks first (it signs the person out everywhere at once); errors show in the row.
"use client";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useAsk } from "@/components/ui/AskDialog";
import { plainError } from "@/lib/apiErrors";
import { peopleApi, type Person } from "@/lib/peopleApi";
import { ResetLinkButton, ResetLinkShown, type MadeLink } from "./ResetLink";

type Props = { person: Person; isYou: boolean; onChanged: (person: Person) => void };

export function PersonRow({ person: p, isYou, onChanged }: Props) {
  const ask = useAsk();
  const [busy, setBusy] = useState<"admin" | "active" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<MadeLink | null>(null);
  const deactivated = p.deactivatedAt !== null;

  async function change(which: "admin" | "active", body: { isAdmin?: boolean; deactivated?: boolean }) {
    setBusy(which);
    setError(null);
    try {
      onChanged(await peopleApi.update(p.id, body));
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(null);
    }
  }

  async function deactivate() {
    const ok = await ask.confirm({
      title: `Deactivate ${p.name}?`,
      message: "They are signed out on every device at once and cannot sign in until you reactivate the account. Their documents stay shared.",
      confirmLabel: "Deactivate",
      danger: true,
    });
    if (ok) await change("active", { deactivated: true });
  }

  return (
    <li data-testid="person-row" data-email={p.email} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span className="truncate">{p.name}</span>
          {isYou && <span className="font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
          {p.isAdmin && <Tag tone="indigo">Administrator</Tag>}
          {deactivated && <Tag tone="red">Deactivated</Tag>}
        </p>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{p.email}</p>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Joined <RelativeTime iso={p.createdAt} /> ·{" "}
          {p.lastActiveAt ? (
            <>
              Last active <RelativeTime iso={p.lastActiveAt} />
            </>
          ) : (
            "Not seen yet"
          )}{" "}
          · {p.documentsOwned === 1 ? "1 document" : `${p.documentsOwned} documents`}
        </p>
        {error && (
          <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        {resetLink && <ResetLinkShown name={p.name} link={resetLink} onDone={() => setResetLink(null)} />}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          aria-label={p.isAdmin ? `Remove administrator rights from ${p.name}` : `Make ${p.name} an administrator`}
          busy={busy === "admin"}
          busyLabel="Saving…"
          disabled={busy !== null || deactivated}
          onClick={() => void change("admin", { isAdmin: !p.isAdmin })}
        >
          {p.isAdmin ? "Remove admin" : "Make admin"}
        </Button>
        {!deactivated && <ResetLinkButton person={p} disabled={busy !== null} onMade={setResetLink} onError={setError} />}
        {deactivated ? (
          <Button
            size="sm"
            aria-label={`Reactivate ${p.name}`}
            busy={busy === "active"}
            busyLabel="Reactivating…"
            disabled={busy !== null}
            onClick={() => void change("active", { deactivated: false })}
          >
            Reactivate
          </Button>
        ) : (
          <Button
            size="sm"
            variant="dangerGhost"
            aria-label={`Deactivate ${p.name}`}
            busy={busy === "active"}
            busyLabel="Deactivating…"
            disabled={busy !== null || isYou}
            title={isYou ? "You cannot deactivate your own account." : undefined}
            onClick={() => void deactivate()}
          >
            Deactivate
          </Button>
        )}
      </div>
    </li>
  );
}

const TAG_TONES = {
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-300 dark:ring-indigo-900",
  red: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900",
};

function Tag({ tone, children }: { tone: keyof typeof TAG_TONES; children: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TAG_TONES[tone]}`}>{children}</span>;
}
