// Every announcement sent, newest first, with its status and actions.
"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useAsk } from "@/components/ui/AskDialog";
import { plainError } from "@/lib/apiErrors";
import { announcementsApi } from "@/lib/announcements/adminApi";
import type { AdminAnnouncement, AnnouncementStatus } from "@/lib/announcements/types";
import { ReachFigures } from "./ReachFigures";

const statusStyles: Record<AnnouncementStatus, string> = {
  scheduled: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  ended: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  revoked: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

const audienceText = { everyone: "Everyone", users: "Signed-in people", admins: "Administrators" } as const;
const kindText = { banner: "Banner", notification: "Notification", maintenance: "Maintenance" } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : null);

type Props = { items: AdminAnnouncement[]; onEdit: (a: AdminAnnouncement) => void; onChanged: () => void };

export function AnnouncementList({ items, onEdit, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const ask = useAsk();

  async function revoke(a: AdminAnnouncement) {
    const sure = await ask.confirm({
      title: `Take down “${a.title}”?`,
      message: "It disappears at once from every open page, for everyone.",
      confirmLabel: "Revoke",
      danger: true,
    });
    if (!sure) return;
    setBusyId(a.id);
    setError(null);
    try {
      await announcementsApi.revoke(a.id);
      onChanged();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="sent-heading" className="space-y-3">
      <h2 id="sent-heading" className="text-lg font-semibold">
        Sent and scheduled
      </h2>
      {error && <Alert>{error}</Alert>}
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No announcements yet. The ones you publish will be listed here.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {items.map((a) => (
            <li key={a.id} data-testid="admin-announcement" data-status={a.status} className="flex flex-wrap items-start justify-between gap-3 p-4">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyles[a.status]}`}>{a.status}</span>
                  {a.title}
                </p>
                <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                  {kindText[a.kind]} · {a.severity} · {audienceText[a.audience]}
                  {a.targetPath ? ` · on ${a.targetPath}` : ""} · from {when(a.startsAt)}
                  {a.endsAt ? ` until ${when(a.endsAt)}` : ""}
                  {a.requiresAck ? " · must be confirmed" : a.dismissible ? "" : " · cannot be dismissed"}
                </p>
              </div>
              {(a.status === "active" || a.status === "scheduled") && (
                <div className="flex gap-2">
                  <Button size="sm" onClick={() => onEdit(a)}>
                    Edit
                  </Button>
                  <Button size="sm" variant="danger" busy={busyId === a.id} busyLabel="Revoking…" onClick={() => void revoke(a)}>
                    Revoke
                  </Button>
                </div>
              )}
              {/* Full width below the title and actions, so the figures have room on a phone too. */}
              {a.status !== "scheduled" && (
                <div className="w-full">
                  <ReachFigures announcement={a} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
