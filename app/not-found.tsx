import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/Button";

// "Page not found · Tandem" in the tab and the history, not just "Tandem".
export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">There is nothing at this address. It may have moved, or the link has a typo.</p>
      <ButtonLink href="/" className="mt-6">
        Go to Tandem
      </ButtonLink>
    </div>
  );
}
