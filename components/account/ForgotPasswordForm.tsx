// "Forgot password?": asks for the email and always says the same afterwards (the server does not
// tell whether an account uses it). Without mail set up on this Tandem, an administrator can make a
// reset link instead; the page says so.
"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { accountApi } from "@/lib/accountApi";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";

export function ForgotPasswordForm() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<"email">>(noErrors);
  const [answer, setAnswer] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const missing = missingFields({ email }, ["email"]);
    setErrors(missing);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      setAnswer(await accountApi.forgotPassword(email));
    } catch (e) {
      setErrors(formErrors(e, ["email"]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-sm py-4 sm:py-10">
      <h1 className="text-2xl font-bold tracking-tight">Forgot your password?</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Enter your email and we will send you a link to choose a new one.</p>
      <div className="mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {answer ? (
          <div role="status" data-testid="forgot-answer" className="space-y-2 text-sm">
            <p className="font-medium">Check your email.</p>
            <p className="text-zinc-600 dark:text-zinc-400">{answer}</p>
            <p className="text-zinc-600 dark:text-zinc-400">No email? If this Tandem has no mail set up, ask an administrator for a reset link.</p>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            {errors.form && <Alert>{errors.form}</Alert>}
            <TextField label="Email" name="email" type="email" autoComplete="email" inputMode="email" required error={errors.fields.email} />
            <Button type="submit" variant="primary" className="w-full" busy={busy} busyLabel="Sending…">
              Send reset link
            </Button>
          </form>
        )}
      </div>
      <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </div>
  );
}
