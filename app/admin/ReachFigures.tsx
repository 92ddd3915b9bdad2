// One announcement's reach for administrators: delivered, seen, dismissed, acknowledged, and for one
// that asks for confirmation the people who have not yet (with a CSV download and "Remind"). Read
// once, then kept current by the figures the server pushes on the admin's own event stream.
"use client";
import { useCallback, useEffect, useState } from "react";
import { Button, buttonClass } from "@/components/ui/Button";
import { plainError } from "@/lib/apiErrors";
import { announcementsApi } from "@/lib/announcements/adminApi";
import { remindSummary } from "@/lib/announcements/remindSummary";
import type { AdminAnnouncement, AnnouncementReach } from "@/lib/announcements/types";
import { useAnnouncementStream } from "@/components/announcements/useAnnouncementStream";

const SHOWN_PENDING = 20;

export function ReachFigures({ announcement: a }: { announcement: AdminAnnouncement }) {
  const live = useAnnouncementStream().reach[a.id];
  const [reach, setReach] = useState<AnnouncementReach | null>(null);
  const [note, setNote] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [reminding, setReminding] = useState(false);

  const load = useCallback(async () => {
    try {
      setReach(await announcementsApi.reach(a.id));
    } catch (e) {
      setNote({ tone: "error", text: plainError(e) });
    }
  }, [a.id]);

  useEffect(() => {
    void load();
  }, [load]);
  // The pushed figures carry counts only: the pending names are re-read when that count moves.
  const livePending = live?.pendingCount;
  useEffect(() => {
    if (a.requiresAck && livePending !== undefined) void load();
  }, [a.requiresAck, livePending, load]);

  const figures = { ...reach, ...live };
  const pending = reach?.pending ?? [];
  const pendingCount = live?.pendingCount ?? pending.length;

  async function remind() {
    setReminding(true);
    setNote(null);
    try {
      setNote({ tone: "ok", text: remindSummary(await announcementsApi.remind(a.id)) });
    } catch (e) {
      setNote({ tone: "error", text: plainError(e) });
    } finally {
      setReminding(false);
    }
  }

  const stats: Array<[string, string, number | undefined, string]> = [
    ["delivered", "Delivered", figures.delivered, "Open pages it reached"],
    ["seen", "Seen", figures.seen, "People who had it on screen"],
    ["dismissed", "Dismissed", figures.dismissed, "People who closed it"],
  ];
  if (a.requiresAck) stats.push(["acknowledged", "Confirmed", figures.acknowledged, "People who pressed “I have read this”"]);

  return (
    <div data-testid="reach" data-announcement-id={a.id} className="space-y-2">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {stats.map(([key, label, value, hint]) => (
          <div key={key} title={hint} className="rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd data-testid={`reach-${key}`} className="text-lg font-semibold tabular-nums">
              {value ?? "–"}
            </dd>
          </div>
        ))}
      </dl>
      {a.requiresAck && reach && (
        <details className="text-sm">
          <summary data-testid="reach-pending" className="cursor-pointer rounded font-medium focus-visible:outline-2 focus-visible:outline-indigo-500">
            {pendingCount === 0 ? "Everyone has confirmed" : `${pendingCount} ${pendingCount === 1 ? "person has" : "people have"} not confirmed yet`}
          </summary>
          {pending.length > 0 && (
            <ul className="mt-2 space-y-1 text-zinc-700 dark:text-zinc-300">
              {pending.slice(0, SHOWN_PENDING).map((p) => (
                <li key={p.id} className="truncate">
                  {p.name} <span className="text-zinc-500 dark:text-zinc-400">· {p.email}</span>
                </li>
              ))}
              {pending.length > SHOWN_PENDING && <li className="text-zinc-500">and {pending.length - SHOWN_PENDING} more (in the download)</li>}
            </ul>
          )}
        </details>
      )}
      {a.requiresAck && (
        <div className="flex flex-wrap gap-2">
          <a href={announcementsApi.reachCsvUrl(a.id)} download className={buttonClass("secondary", "sm")}>
            Download list (CSV)
          </a>
          {a.status === "active" && (
            <Button size="sm" busy={reminding} busyLabel="Reminding…" disabled={pendingCount === 0} onClick={() => void remind()}>
              Remind
            </Button>
          )}
        </div>
      )}
      {note && (
        <p
          role={note.tone === "error" ? "alert" : "status"}
          className={`text-sm ${note.tone === "error" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}
