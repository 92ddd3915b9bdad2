// A notification toast in the corner.
"use client";
import type { AnnouncementView } from "@/lib/announcements/types";
import { AnnouncementContent } from "./AnnouncementContent";
import { severityStyles } from "./severity";

export function Toast({ announcement: a, onDismiss }: { announcement: AnnouncementView; onDismiss: () => void }) {
  return (
    <div
      role="status"
      data-testid="announcement-toast"
      data-announcement-id={a.id}
      className={`pointer-events-auto w-full rounded-lg border p-3 shadow-lg ${severityStyles[a.severity]}`}
    >
      <div className="flex items-start gap-3">
        <AnnouncementContent announcement={a} onDismiss={onDismiss} />
      </div>
    </div>
  );
}
