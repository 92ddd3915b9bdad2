// Who you are signed in as.
"use client";
import { useUser } from "@/components/layout/SessionProvider";

export function AccountSummary() {
  const user = useUser();
  return (
    <section aria-labelledby="account-heading" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="account-heading" className="text-lg font-semibold">
        Account
      </h2>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        <dt className="text-zinc-500 dark:text-zinc-400">Name</dt>
        <dd className="truncate">{user.name}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Email</dt>
        <dd className="truncate">{user.email}</dd>
        {user.isAdmin && (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">Role</dt>
            <dd>Administrator</dd>
          </>
        )}
      </dl>
    </section>
  );
}
