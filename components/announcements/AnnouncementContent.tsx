// What a banner and a toast both show: the title (with its severity for screen readers), the
// Markdown body, and the dismiss button when the announcement allows it.
"use client";
import type { ReactNode } from "react";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { severityLabel } from "./severity";

type Props = {
  announcement: AnnouncementView;
  onDismiss: () => void;
  /** Below the `sm` breakpoint, show the title line only (the body stays for screen readers). */
  collapseBodyOnPhone?: boolean;
  /** Shown before the dismiss button, e.g. the banner stack's "+N more". */
  extra?: ReactNode;
};

export function AnnouncementContent({ announcement: a, onDismiss, collapseBodyOnPhone = false, extra }: Props) {
  return (
    <>
      <div className="min-w-0 flex-1">
        <p className={`text-sm font-semibold ${collapseBodyOnPhone ? "max-sm:truncate" : ""}`}>
          <span className="sr-only">{severityLabel[a.severity]}: </span>
          {a.title}
        </p>
        <MarkdownBody source={a.body} className={collapseBodyOnPhone ? "max-sm:sr-only" : ""} />
      </div>
      {extra}
      {a.dismissible && <DismissButton title={a.title} onDismiss={onDismiss} />}
    </>
  );
}
