// The link of an invitation that was not emailed (no mail server set up): the owner passes it on.
"use client";
import { CopyButton } from "@/components/ui/CopyButton";
import { inputClass } from "@/components/ui/TextField";

export function InvitationLink({ email, url }: { email: string; url: string }) {
  return (
    <div
      role="status"
      data-testid="invitation-link"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100"
    >
      <p>{`${email} has no Tandem account yet. Send them this invitation link (it works for 7 days):`}</p>
      <div className="flex gap-2">
        <input
          readOnly
          value={url}
          aria-label={`Invitation link for ${email}`}
          className={`${inputClass} font-mono text-xs`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="shrink-0 whitespace-nowrap">
          <CopyButton value={url} label="Copy link" />
        </div>
      </div>
    </div>
  );
}
