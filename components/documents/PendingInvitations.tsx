// Invitations not yet accepted, under the members in the owner's share dialog:
// "Invited · resend · cancel". Resending without a mail server shows the new link to pass on.
"use client";
import { useState } from "react";
import type { InvitationCreated, PendingInvitation } from "@/lib/invitationsApi";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { InvitationLink } from "./InvitationLink";

type Props = {
  invitations: PendingInvitation[];
  onResend: (id: string) => Promise<InvitationCreated>;
  onCancel: (id: string) => Promise<void>;
};

type Notice = { kind: "emailed"; email: string } | { kind: "link"; email: string; url: string };

export function PendingInvitations({ invitations, onResend, onCancel }: Props) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (invitations.length === 0) return null;

  async function run(id: string, action: () => Promise<void>) {
    setBusyId(id);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusyId(null);
    }
  }

  const resend = (i: PendingInvitation) =>
    run(i.id, async () => {
      const sent = await onResend(i.id);
      setNotice(sent.url && !sent.emailed ? { kind: "link", email: i.email, url: sent.url } : { kind: "emailed", email: i.email });
    });

  return (
    <section aria-labelledby="pending-invitations" className="space-y-2">
      <h3 id="pending-invitations" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Invited, waiting to join
      </h3>
      {error && <Alert>{error}</Alert>}
      {notice?.kind === "emailed" && <Alert tone="success">{`We emailed a new invitation to ${notice.email}. The earlier link no longer works.`}</Alert>}
      {notice?.kind === "link" && <InvitationLink email={notice.email} url={notice.url} />}
      <ul
        aria-label="Pending invitations"
        className="divide-y divide-zinc-200 rounded-md border border-dashed border-zinc-300 dark:divide-zinc-800 dark:border-zinc-700"
      >
        {invitations.map((i) => (
          <li key={i.id} data-testid="invitation-row" data-email={i.email} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{i.email}</p>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                Invited · {i.role === "editor" ? "can edit" : "can view"} · until {new Date(i.expiresAt).toLocaleDateString()}
              </p>
            </div>
            <div className="flex gap-1">
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Resend the invitation to ${i.email}`}
                busy={busyId === i.id}
                busyLabel="Sending…"
                onClick={() => void resend(i)}
              >
                Resend
              </Button>
              <Button
                size="sm"
                variant="dangerGhost"
                aria-label={`Cancel the invitation to ${i.email}`}
                disabled={busyId === i.id}
                onClick={() => void run(i.id, () => onCancel(i.id))}
              >
                Cancel
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
