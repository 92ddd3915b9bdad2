// What a banner and a toast both show: the title (with its severity for screen readers), the
// Markdown body, and the dismiss button when the announcement allows it.
"use client";
import type { ReactNode } from "react";
import type { AnnouncementView } from "@/lib/announcements/types";
import { MarkdownBody } from "./MarkdownBody";
import { DismissButton } from "./DismissButton";
import { AckButton } from "./AckButton";
import { severityLabel } from "./severity";

type Props = {
  announcement: AnnouncementView;
  onDismiss: () => void;
  /** Below the `sm` breakpoint, show the title line only (the body stays for screen readers). */
  collapseBodyOnPhone?: boolean;
  /** Shown before the dismiss button, e.g. the banner stack's "+N more". */
  extra?: ReactNode;
  /** Given for a signed-in reader of an announcement that asks for confirmation: replaces dismissing. */
  onAcknowledge?: () => Promise<boolean>;
  /** An administrator sent a reminder for it. */
  reminded?: boolean;
};

/** Whether a signed-in reader must acknowledge it (visitors see an ordinary banner). */
export const mustAcknowledge = (a: AnnouncementView, signedIn: boolean) => a.requiresAck && signedIn;

export function AnnouncementContent({ announcement: a, onDismiss, collapseBodyOnPhone = false, extra, onAcknowledge, reminded = false }: Props) {
  return (
    <>
      <div className="min-w-0 flex-1">
        <p className={`text-sm font-semibold ${collapseBodyOnPhone ? "max-sm:truncate" : ""}`}>
          <span className="sr-only">{severityLabel[a.severity]}: </span>
          {reminded && onAcknowledge && (
            <span data-testid="announcement-reminder" className="mr-2 rounded-full bg-black/10 px-2 py-0.5 text-xs font-semibold dark:bg-white/15">
              Reminder
            </span>
          )}
          {a.title}
        </p>
        <MarkdownBody source={a.body} className={collapseBodyOnPhone ? "max-sm:sr-only" : ""} />
      </div>
      {extra}
      {onAcknowledge ? <AckButton title={a.title} onAcknowledge={onAcknowledge} /> : a.dismissible && <DismissButton title={a.title} onDismiss={onDismiss} />}
    </>
  );
}
