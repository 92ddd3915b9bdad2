// Planned maintenance: a countdown to its start, then "in progress" until it ends.
"use client";
import { useEffect, useRef, useState } from "react";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { AckButton } from "./AckButton";
import { type AckProps, useSeenReport } from "./useSeenReport";
import { describeCountdown } from "./countdown";
import { severityStyles } from "./severity";

type Props = AckProps & { announcement: AnnouncementView; onDismiss: () => void };

export function MaintenanceNotice({ announcement: a, onDismiss, onAcknowledge, accountId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useSeenReport(ref, a.id, accountId);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const startsIn = now === null ? null : Date.parse(a.startsAt) - now;
  const endTime = a.endsAt ? new Date(a.endsAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : null;
  return (
    <div ref={ref} role="status" data-testid="maintenance-notice" data-announcement-id={a.id} className={`border-b py-2 ${severityStyles[a.severity]}`}>
      <div className="mx-auto flex max-w-5xl items-start gap-3 px-4">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold">
            {a.title}{" "}
            <span data-testid="maintenance-countdown" className="font-normal">
              {startsIn === null ? "" : startsIn > 0 ? `— starts ${describeCountdown(startsIn)}` : `— in progress${endTime ? ` until ${endTime}` : ""}`}
            </span>
          </p>
          <MarkdownBody source={a.body} />
        </div>
        {onAcknowledge ? <AckButton title={a.title} onAcknowledge={onAcknowledge} /> : a.dismissible && <DismissButton title={a.title} onDismiss={onDismiss} />}
      </div>
    </div>
  );
}
