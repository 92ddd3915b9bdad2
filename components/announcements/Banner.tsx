// A banner across the top of the page.
"use client";
import type { AnnouncementView } from "@/lib/announcements/types";
import { AnnouncementContent } from "./AnnouncementContent";
import { severityStyles } from "./severity";

export function Banner({ announcement: a, onDismiss }: { announcement: AnnouncementView; onDismiss: () => void }) {
  return (
    <div
      role={a.severity === "critical" ? "alert" : "status"}
      data-testid="announcement-banner"
      data-announcement-id={a.id}
      className={`border-b px-4 py-2 ${severityStyles[a.severity]}`}
    >
      <div className="mx-auto flex max-w-5xl items-start gap-3">
        <AnnouncementContent announcement={a} onDismiss={onDismiss} />
      </div>
    </div>
  );
}
