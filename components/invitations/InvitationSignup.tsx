// Sign-up on an invitation's page: the invited email is filled in and locked (the invitation is for
// that address); name and password as on the ordinary sign-up page.
"use client";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/api";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { useSession } from "@/components/layout/SessionProvider";
import { TextField } from "@/components/ui/TextField";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

type Field = "name" | "email" | "password";
const FIELDS: readonly Field[] = ["name", "email", "password"];

export function InvitationSignup({ email, onSignedUp }: { email: string; onSignedUp: () => Promise<void> }) {
  const { setUser } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    const missing = missingFields({ name, email, password }, FIELDS);
    setErrors(missing);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      setUser(await api.signup({ email, password, name }));
      await onSignedUp();
    } catch (e) {
      setBusy(false);
      setErrors(formErrors(e, FIELDS));
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Create your account"
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Create your account to accept. It takes a few seconds.</p>
      {errors.form && <Alert>{errors.form}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        value={email}
        readOnly
        aria-readonly
        className="[&_input]:cursor-not-allowed [&_input]:bg-zinc-100 [&_input]:text-zinc-600 dark:[&_input]:bg-zinc-800 dark:[&_input]:text-zinc-300"
        hint="The invitation was sent to this address."
        error={errors.fields.email}
      />
      <TextField label="Your name" name="name" autoComplete="name" required maxLength={80} error={errors.fields.name} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={errors.fields.password}
      />
      <Button type="submit" variant="primary" className="w-full" busy={busy} busyLabel="Creating account…">
        Create account and open the document
      </Button>
    </form>
  );
}
