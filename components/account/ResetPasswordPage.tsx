// /reset/<token>: choose a new password through a reset link. The link is checked first (expired or
// used links say so before anything is typed); afterwards every device is signed out and the page
// leads to sign-in.
"use client";
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { accountApi, type ResetView } from "@/lib/accountApi";
import { formErrors, hasErrors, missingFields, noErrors, plainError, type FormErrors } from "@/lib/apiErrors";
import { useSession } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { EmailedLinkPage } from "./EmailedLinkPage";
import { TextField } from "@/components/ui/TextField";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "done" } | { status: "invalid" } | { status: "valid"; email: string };

export function ResetPasswordPage({ token }: { token: string }) {
  const { setUser } = useSession();
  const [state, setState] = useState<State>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<"password">>(noErrors);

  useEffect(() => {
    accountApi.resetView(token).then(
      (view: ResetView) => setState(view.state === "valid" ? { status: "valid", email: view.email } : { status: "invalid" }),
      (e) => setState({ status: "error", message: plainError(e) }),
    );
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const missing = missingFields({ password }, ["password"], { password: "Enter a new password." });
    setErrors(missing);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      await accountApi.resetPassword(token, password);
      setUser(null); // every session ended, this browser's too
      setState({ status: "done" });
    } catch (e) {
      setErrors(formErrors(e, ["password"]));
      setBusy(false);
    }
  }

  return (
    <EmailedLinkPage
      title="Choose a new password"
      state={state}
      invalid={{ testId: "reset-invalid", text: "This reset link has expired or was already used.", href: "/forgot-password", label: "Ask for a new link" }}
      after={
        <p className="mt-4 text-center text-sm">
          <Link href="/login" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            Back to sign in
          </Link>
        </p>
      }
    >
      {state.status === "done" && (
        <div role="status" data-testid="reset-done" className="space-y-3 text-sm">
          <p className="font-medium">Your password is changed.</p>
          <p className="text-zinc-600 dark:text-zinc-400">Every device was signed out. Sign in with your new password.</p>
          <ButtonLink href="/login" variant="primary">
            Sign in
          </ButtonLink>
        </div>
      )}
      {state.status === "valid" && (
        <form onSubmit={submit} noValidate className="space-y-4">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            For <span className="font-medium text-zinc-900 dark:text-zinc-100">{state.email}</span>. You will be signed out everywhere.
          </p>
          {errors.form && <Alert>{errors.form}</Alert>}
          <TextField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            hint="At least 8 characters."
            error={errors.fields.password}
          />
          <Button type="submit" variant="primary" className="w-full" busy={busy} busyLabel="Saving…">
            Set new password
          </Button>
        </form>
      )}
    </EmailedLinkPage>
  );
}
