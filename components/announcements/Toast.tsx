// A notification toast in the corner.
"use client";
import { useRef } from "react";
import type { AnnouncementView } from "@/lib/announcements/types";
import { type AckProps, useSeenReport } from "./useSeenReport";
import { AnnouncementContent } from "./AnnouncementContent";
import { severityStyles } from "./severity";

export function Toast({
  announcement: a,
  onDismiss,
  onAcknowledge,
  reminded,
  accountId,
}: AckProps & { announcement: AnnouncementView; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useSeenReport(ref, a.id, accountId);
  return (
    <div
      ref={ref}
      role="status"
      data-testid="announcement-toast"
      data-announcement-id={a.id}
      className={`pointer-events-auto w-full rounded-lg border p-3 shadow-lg ${severityStyles[a.severity]}`}
    >
      <div className="flex items-start gap-3">
        <AnnouncementContent announcement={a} onDismiss={onDismiss} onAcknowledge={onAcknowledge} reminded={reminded} />
      </div>
    </div>
  );
}
