// The bar at the top of every page: the Tandem name, where you can go, and who you are.
"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useSession } from "./SessionProvider";
import { Button, ButtonLink } from "@/components/ui/Button";
import { NotificationsBell } from "@/components/notifications/NotificationsBell";
import { SearchLauncher } from "@/components/search/SearchLauncher";
import { useRealtimeIdentity } from "@/lib/realtime/hooks";
import { loginPathFor } from "./nextPath";

function NavLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`) || (href === "/dashboard" && pathname.startsWith("/documents/"));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
        active
          ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
          : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      }`}
    >
      {children}
    </Link>
  );
}

export function Header() {
  const { status, user, signOut } = useSession();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const pathname = usePathname();
  const signedIn = status === "signed-in" && user;
  useRealtimeIdentity(signedIn ? user.id : null); // the live connection must follow sign-in and sign-out

  async function handleSignOut() {
    setSigningOut(true);
    await signOut();
    setSigningOut(false);
    router.push("/");
  }

  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
      <div data-frame className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
            T
          </span>
          Tandem
        </Link>

        {signedIn && (
          <nav aria-label="Main" className="order-3 flex w-full gap-1 sm:order-none sm:w-auto">
            <NavLink href="/dashboard">Documents</NavLink>
            <NavLink href="/settings">Settings</NavLink>
            {user.isAdmin && <NavLink href="/admin">Admin</NavLink>}
          </nav>
        )}

        <div className="ml-auto flex items-center gap-3">
          {status === "ended" ? (
            <>
              <span data-testid="signed-out-note" className="text-sm text-zinc-600 dark:text-zinc-400">
                You are signed out
              </span>
              <ButtonLink href={loginPathFor(pathname)} variant="primary" size="sm">
                Sign in again
              </ButtonLink>
            </>
          ) : signedIn ? (
            <>
              <SearchLauncher />
              <NotificationsBell />
              <span data-testid="current-user" className="max-w-[12rem] truncate text-sm text-zinc-600 dark:text-zinc-400" title={user.email}>
                {user.name}
              </span>
              <Button size="sm" onClick={handleSignOut} busy={signingOut} busyLabel="Signing out…">
                Sign out
              </Button>
            </>
          ) : status === "signed-out" ? (
            <>
              <ButtonLink href="/login" variant="ghost" size="sm">
                Sign in
              </ButtonLink>
              <ButtonLink href="/signup" variant="primary" size="sm">
                Create account
              </ButtonLink>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
