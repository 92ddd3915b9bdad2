// The People page's password reset link for a person: made on request (for when no mail is set up,
// or the person cannot reach theirs) and shown once, to copy and pass on. It works once, for an hour.
"use client";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { CopyButton } from "@/components/ui/CopyButton";
import { inputClass } from "@/components/ui/TextField";
import { plainError } from "@/lib/apiErrors";
import { accountApi } from "@/lib/accountApi";
import type { Person } from "@/lib/peopleApi";

export type MadeLink = { url: string; expiresAt: string };

type ButtonProps = { person: Person; disabled: boolean; onMade: (link: MadeLink) => void; onError: (message: string | null) => void };

export function ResetLinkButton({ person, disabled, onMade, onError }: ButtonProps) {
  const [busy, setBusy] = useState(false);
  async function make() {
    setBusy(true);
    onError(null);
    try {
      onMade(await accountApi.adminResetLink(person.id));
    } catch (e) {
      onError(plainError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      size="sm"
      aria-label={`Make a password reset link for ${person.name}`}
      busy={busy}
      busyLabel="Making…"
      disabled={disabled}
      onClick={() => void make()}
    >
      Reset link
    </Button>
  );
}

export function ResetLinkShown({ name, link, onDone }: { name: string; link: MadeLink; onDone: () => void }) {
  const until = new Date(link.expiresAt).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (
    <div data-testid="reset-link" className="mt-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950/50">
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
        Send this link to {name}. It works once, until {until}. You won&apos;t be able to see it again.
      </p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          readOnly
          value={link.url}
          aria-label={`Password reset link for ${name}`}
          className={`${inputClass} font-mono text-xs`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={link.url} />
      </div>
      <Button size="sm" variant="ghost" className="mt-2" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
