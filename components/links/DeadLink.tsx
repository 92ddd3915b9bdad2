// What a share link that no longer works shows (revoked, expired, unknown, in the trash): one message
// for all. Served with HTTP 404 when /s/<token> is opened on a dead link (app/s/[token]/not-found.tsx),
// and shown in place when a link stops working while open.
import { DEAD_LINK_MESSAGE } from "@/lib/contracts/shareLinks";
import { ButtonLink } from "@/components/ui/Button";

export function DeadLink() {
  return (
    <div data-testid="dead-link" className="rounded-lg border border-zinc-200 bg-white px-6 py-12 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">{DEAD_LINK_MESSAGE}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Links can be turned off or expire. If you have an account, sign in to see the documents shared with you.
      </p>
      <ButtonLink href="/login" className="mt-6">
        Sign in
      </ButtonLink>
    </div>
  );
}
