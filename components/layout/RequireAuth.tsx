// Renders its children only for a signed-in user; sends everyone else to the sign-in page and back.
"use client";
import { useEffect, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useSession } from "./SessionProvider";
import { loginPathFor } from "./nextPath";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, refresh } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (status === "signed-out") router.replace(loginPathFor(pathname));
  }, [status, router, pathname]);

  // "ended": the page stays (read-only, it says why); its content is not taken away mid-sentence.
  if (status === "signed-in" || status === "ended") return <>{children}</>;
  if (status === "error") {
    return (
      <Alert
        action={
          <Button size="sm" onClick={() => void refresh()}>
            Try again
          </Button>
        }
      >
        {error ?? "We could not check whether you are signed in."}
      </Alert>
    );
  }
  return (
    <div role="status" aria-label="Loading" className="space-y-3">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
