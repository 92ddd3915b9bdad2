// The bar over a version, a comparison or who-wrote-what: what is shown (a heading that takes focus
// when the phone's list steps aside) and what can be done with it. The card below it matches the
// live editor's, so switching between them does not move the page.
"use client";
import { useEffect, useRef, type ReactNode } from "react";

export function HistoryFrame({
  heading,
  details,
  actions,
  focusHeading,
  testId,
  children,
}: {
  heading: ReactNode;
  details?: ReactNode;
  actions: ReactNode;
  /** Move focus to the heading when shown (the phone's list just closed over it). */
  focusHeading: boolean;
  testId: string;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);
  return (
    <div data-testid={testId} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div
        data-testid="history-bar"
        className="z-20 space-y-2 rounded-t-lg sm:sticky sm:top-0 border-b border-indigo-200 bg-indigo-50 px-3 py-2.5 dark:border-indigo-900 dark:bg-indigo-950"
      >
        <div className="min-w-0">
          <h2 ref={headingRef} tabIndex={-1} className="truncate text-sm font-semibold text-indigo-950 focus:outline-none dark:text-indigo-50">
            {heading}
          </h2>
          {details && <div className="mt-0.5 text-xs text-indigo-900/80 dark:text-indigo-200/80">{details}</div>}
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
      {children}
    </div>
  );
}
