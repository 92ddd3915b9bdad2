// A banner across the top of the page. Its text lines up with the header's (same width, same padding).
// `compact`: on a phone a dismissible banner shows its title only; the stack's "+N more" opens it.
"use client";
import { type ReactNode, useRef } from "react";
import type { AnnouncementView } from "@/lib/announcements/types";
import { AnnouncementContent } from "./AnnouncementContent";
import { type AckProps, useSeenReport } from "./useSeenReport";
import { severityStyles } from "./severity";

type Props = AckProps & { announcement: AnnouncementView; onDismiss: () => void; compact?: boolean; children?: ReactNode };

export function Banner({ announcement: a, onDismiss, compact = false, children, onAcknowledge, reminded, accountId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useSeenReport(ref, a.id, accountId);
  return (
    <div
      ref={ref}
      data-requires-ack={onAcknowledge ? true : undefined}
      role={a.severity === "critical" ? "alert" : "status"}
      data-testid="announcement-banner"
      data-announcement-id={a.id}
      className={`border-b py-2 ${severityStyles[a.severity]}`}
    >
      <div className="mx-auto flex max-w-5xl items-start gap-3 px-4">
        <AnnouncementContent
          announcement={a}
          onDismiss={onDismiss}
          collapseBodyOnPhone={compact && a.dismissible && !onAcknowledge}
          extra={children}
          onAcknowledge={onAcknowledge}
          reminded={reminded}
        />
      </div>
    </div>
  );
}
