// A banner across the top of the page.
"use client";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { severityLabel, severityStyles } from "./severity";

export function Banner({ announcement: a, onDismiss }: { announcement: AnnouncementView; onDismiss: () => void }) {
  return (
    <div
      role={a.severity === "critical" ? "alert" : "status"}
      data-testid="announcement-banner"
      data-announcement-id={a.id}
      className={`border-b px-4 py-2 ${severityStyles[a.severity]}`}
    >
      <div className="mx-auto flex max-w-5xl items-start gap-3">
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
