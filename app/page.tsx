// "/": signed-in people go straight to their documents; everyone else gets a short welcome.
"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useSession } from "@/components/layout/SessionProvider";
import { ButtonLink } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";

export default function HomePage() {
  const { status } = useSession();
  const router = useRouter();

  useEffect(() => {
    if (status === "signed-in") router.replace("/dashboard");
  }, [status, router]);

  if (status === "loading" || status === "signed-in") {
    return (
      <div role="status" aria-label="Loading" className="space-y-3">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
    );
  }

  return (
    <section className="mx-auto max-w-2xl py-10 text-center sm:py-16">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Write together, in real time.</h1>
      <p className="mt-4 text-base text-zinc-600 dark:text-zinc-400">
        Tandem is a shared space for documents. Invite people as editors or viewers, see each other type, and keep everything on your own server.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/signup" variant="primary">
          Create account
        </ButtonLink>
        <ButtonLink href="/login">Sign in</ButtonLink>
      </div>
    </section>
  );
}
