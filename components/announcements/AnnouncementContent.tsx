// What a banner and a toast both show: the title (with its severity for screen readers), the
// Markdown body, and the dismiss button when the announcement allows it.
"use client";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { severityLabel } from "./severity";

export function AnnouncementContent({ announcement: a, onDismiss }: { announcement: AnnouncementView; onDismiss: () => void }) {
  return (
    <>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">
          <span className="sr-only">{severityLabel[a.severity]}: </span>
          {a.title}
        </p>
        <MarkdownBody source={a.body} />
      </div>
      {a.dismissible && <DismissButton title={a.title} onDismiss={onDismiss} />}
    </>
  );
}
