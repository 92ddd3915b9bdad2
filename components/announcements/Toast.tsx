// A notification toast in the corner.
"use client";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { severityLabel, severityStyles } from "./severity";

export function Toast({ announcement: a, onDismiss }: { announcement: AnnouncementView; onDismiss: () => void }) {
  return (
    <div
      role="status"
      data-testid="announcement-toast"
      data-announcement-id={a.id}
      className={`pointer-events-auto w-80 max-w-[calc(100vw-2rem)] rounded-lg border p-3 shadow-lg ${severityStyles[a.severity]}`}
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold">
            <span className="sr-only">{severityLabel[a.severity]}: </span>
            {a.title}
          </p>
          <MarkdownBody source={a.body} />
        </div>
        {a.dismissible && <DismissButton title={a.title} onDismiss={onDismiss} />}
      </div>
    </div>
  );
}
