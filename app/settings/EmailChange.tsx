// Settings' email form: asking for a change sends a confirmation link to the new address (or, with mail
// not set up, shows the link to copy); the email changes only once the link is followed. While a change
// waits, "Waiting for confirmation of new@…" with Resend and Cancel.
"use client";
import { useEffect, useState } from "react";
import { accountApi } from "@/lib/accountApi";
import { plainError } from "@/lib/apiErrors";
import type { PendingEmailChange } from "@/lib/contracts/account";
import { useUser } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyButton } from "@/components/ui/CopyButton";
import { TextField, inputClass } from "@/components/ui/TextField";
import { AccountForm } from "./AccountForm";

const EMAIL_FORM = {
  label: "Change your email",
  heading: "Email",
  submitLabel: "Change email",
  fields: ["email", "currentPassword"] as const,
  asks: { currentPassword: "Enter your current password." },
};

function until(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The waiting change: its address, the link to copy when it was not emailed, Resend and Cancel. */
function Waiting({ pending, onChange }: { pending: PendingEmailChange; onChange: (next: PendingEmailChange | null) => void }) {
  const [busy, setBusy] = useState<"resend" | "cancel" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  async function act(what: "resend" | "cancel") {
    setBusy(what);
    setError(null);
    setResent(false);
    try {
      if (what === "resend") {
        onChange(await accountApi.resendEmailChange());
        setResent(true);
      } else {
        await accountApi.cancelEmailChange();
        onChange(null);
      }
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div
      data-testid="email-change-pending"
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p role="status" className="font-medium break-words">
        Waiting for confirmation of {pending.email}
      </p>
      <p className="text-amber-900 dark:text-amber-200">
        {pending.emailed
          ? `We sent a link to that address. Your email changes once you open it (it works until ${until(pending.expiresAt)}).`
          : pending.url
            ? "This server does not send email. Open this link to confirm the new address (it works once, for a day):"
            : "This server does not send email. Press Resend link to see a new link to copy."}
      </p>
      {pending.url && (
        <div className="flex gap-2">
          <input
            readOnly
            value={pending.url}
            aria-label={`Confirmation link for ${pending.email}`}
            className={`${inputClass} font-mono text-xs`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="shrink-0 whitespace-nowrap">
            <CopyButton value={pending.url} label="Copy link" />
          </div>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {resent && pending.emailed && <p className="text-emerald-700 dark:text-emerald-400">A new link is on its way.</p>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" busy={busy === "resend"} busyLabel="Sending…" disabled={busy !== null} onClick={() => act("resend")}>
          Resend link
        </Button>
        <Button size="sm" variant="ghost" busy={busy === "cancel"} busyLabel="Cancelling…" disabled={busy !== null} onClick={() => act("cancel")}>
          Cancel change
        </Button>
      </div>
    </div>
  );
}

export function EmailChange() {
  const user = useUser();
  const [pending, setPending] = useState<PendingEmailChange | null>(null);
  useEffect(() => {
    accountApi.emailChange().then(setPending, () => setPending(null)); // the form works without it
  }, []);

  return (
    <div className="space-y-3">
      <AccountForm
        {...EMAIL_FORM}
        save={async (values, form) => {
          const next = await accountApi.changeEmail({ email: values.email, currentPassword: values.currentPassword });
          (form.elements.namedItem("currentPassword") as HTMLInputElement).value = "";
          setPending(next);
          return next?.emailed ? `We sent a confirmation link to ${next.email}.` : "Open the confirmation link below to finish.";
        }}
      >
        {(errors) => (
          <>
            <TextField label="Email" name="email" type="email" defaultValue={user.email} autoComplete="email" required error={errors.email} />
            <TextField
              label="Current password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              error={errors.currentPassword}
            />
          </>
        )}
      </AccountForm>
      {pending && <Waiting pending={pending} onChange={setPending} />}
    </div>
  );
}
