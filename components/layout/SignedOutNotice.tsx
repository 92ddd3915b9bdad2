// What a page says when its session ended under it (signed out in another tab, or expired).
"use client";
import { usePathname } from "next/navigation";
import { Alert } from "@/components/ui/Alert";
import { ButtonLink } from "@/components/ui/Button";
import { loginPathFor } from "./nextPath";

export function SignedOutNotice() {
  const pathname = usePathname();
  return (
    <Alert
      tone="info"
      action={
        <ButtonLink href={loginPathFor(pathname)} size="sm" variant="primary">
          Sign in again
        </ButtonLink>
      }
    >
      <span data-testid="signed-out-notice">You are signed out, so this page is read-only. Sign in again to keep working.</span>
    </Alert>
  );
}
