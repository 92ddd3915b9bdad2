// The banners as a compact stack: the most important one shown, "+N more" to see the rest, so five
// active banners take one banner's height rather than most of a phone screen. The hidden ones stay
// in the page (hidden), so screen readers' live regions and counts still find them.
"use client";
import { useId, useState } from "react";
import type { AnnouncementView, Severity } from "@/lib/announcements/types";
import { Banner } from "./Banner";
import type { AckProps } from "./useSeenReport";

const rank: Record<Severity, number> = { critical: 0, warning: 1, info: 2, success: 3 };

/** Most severe first; among equals, the newest first. */
export function stackOrder(banners: AnnouncementView[]): AnnouncementView[] {
  return [...banners].sort((a, b) => rank[a.severity] - rank[b.severity] || Date.parse(b.startsAt) - Date.parse(a.startsAt));
}

type Props = {
  banners: AnnouncementView[];
  onDismiss: (id: string) => void;
  /** The props that make a banner ask for "I have read this" (none for visitors). */
  ackFor: (a: AnnouncementView) => AckProps;
};

export function BannerStack({ banners, onDismiss, ackFor }: Props) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (banners.length === 0) return null;
  const ordered = stackOrder(banners);
  const more = ordered.length - 1;
  const open = expanded && more > 0;
  return (
    <div data-testid="banner-stack" data-expanded={open}>
      {ordered.map((a, i) => (
        <div key={a.id} id={i === 1 ? listId : undefined} hidden={i > 0 && !open}>
          <Banner announcement={a} onDismiss={() => onDismiss(a.id)} compact={!open} {...ackFor(a)}>
            {i === 0 && more > 0 && (
              <button
                type="button"
                data-testid="banner-stack-toggle"
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => setExpanded((v) => !v)}
                className="shrink-0 rounded px-1.5 py-0.5 text-xs font-semibold underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                {open ? "Show less" : `+${more} more`}
              </button>
            )}
          </Banner>
        </div>
      ))}
    </div>
  );
}
