// The frame of a page opened from an emailed link (a password reset, an email confirmation): the
// link is checked first; while it is, a placeholder shows, and an expired or used link says so and
// offers the way on. What the page does with a working link is its own (children).
"use client";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { ButtonLink } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";

/** The states every such page shares; a page's own states (valid, done…) pass through to its children. */
type LinkState = { status: "loading" } | { status: "error"; message: string } | { status: "invalid" } | { status: string; message?: undefined };

type Props = {
  title: string;
  state: LinkState;
  /** What an expired or used link says, and where it leads. */
  invalid: { testId: string; text: string; href: string; label: string };
  children: ReactNode;
  /** Below the card (a way back). */
  after?: ReactNode;
};

export function EmailedLinkPage({ title, state, invalid, children, after }: Props) {
  return (
    <div className="mx-auto max-w-sm py-4 sm:py-10">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <div className="mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {state.status === "loading" && (
          <div role="status" aria-label="Checking the link" className="space-y-3">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-10 w-full" />
          </div>
        )}
        {state.status === "error" && <Alert>We could not check this link. {state.message}</Alert>}
        {state.status === "invalid" && (
          <div data-testid={invalid.testId} className="space-y-3 text-sm">
            <p>{invalid.text}</p>
            <ButtonLink href={invalid.href}>{invalid.label}</ButtonLink>
          </div>
        )}
        {children}
      </div>
      {after}
    </div>
  );
}
