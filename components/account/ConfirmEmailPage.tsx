// /confirm-email/<token>: the link mailed to a new address. The link is checked first (expired or used
// links say so), then one button confirms: opening the page alone changes nothing, so a mail scanner
// that fetches links cannot confirm it for someone.
"use client";
import { useEffect, useState } from "react";
import { accountApi, type EmailChangeView } from "@/lib/accountApi";
import { plainError } from "@/lib/apiErrors";
import { useSession } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { EmailedLinkPage } from "./EmailedLinkPage";

type State =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "invalid" }
  | { status: "valid"; email: string; failure?: string }
  | { status: "done"; email: string };

export function ConfirmEmailPage({ token }: { token: string }) {
  const { user, refresh } = useSession();
  const [state, setState] = useState<State>({ status: "loading" });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    accountApi.emailChangeView(token).then(
      (view: EmailChangeView) => setState(view.state === "valid" ? { status: "valid", email: view.email } : { status: "invalid" }),
      (e) => setState({ status: "error", message: plainError(e) }),
    );
  }, [token]);

  async function confirm(email: string) {
    setBusy(true);
    try {
      setState({ status: "done", email: await accountApi.confirmEmailChange(token) });
      if (user) await refresh(); // this browser's account may be the one that changed
    } catch (e) {
      setState({ status: "valid", email, failure: plainError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <EmailedLinkPage
      title="Confirm your new email"
      state={state}
      invalid={{ testId: "email-change-invalid", text: "This confirmation link has expired or was already used.", href: "/settings", label: "Go to Settings" }}
    >
      {state.status === "valid" && (
        <div className="space-y-4 text-sm">
          <p className="text-zinc-600 dark:text-zinc-400">
            Use <span className="font-medium break-words text-zinc-900 dark:text-zinc-100">{state.email}</span> to sign in to Tandem from now on?
          </p>
          {state.failure && <Alert>{state.failure}</Alert>}
          <Button variant="primary" busy={busy} busyLabel="Confirming…" onClick={() => confirm(state.email)}>
            Confirm new email
          </Button>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Did not ask for this? Close this page: nothing changes.</p>
        </div>
      )}
      {state.status === "done" && (
        <div role="status" data-testid="email-change-done" className="space-y-3 text-sm">
          <p className="font-medium break-words">Your email is now {state.email}.</p>
          <p className="text-zinc-600 dark:text-zinc-400">Sign in with it from now on.</p>
          <ButtonLink href={user ? "/settings" : "/login"} variant="primary">
            {user ? "Back to Settings" : "Sign in"}
          </ButtonLink>
        </div>
      )}
    </EmailedLinkPage>
  );
}
