// The sign-in and sign-up form: one component, because they differ only in a field and a call.
"use client";
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { api, ApiError } from "@/lib/api";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { useSession } from "@/components/layout/SessionProvider";
import { safeNextPath } from "@/components/layout/nextPath";
import { TextField } from "@/components/ui/TextField";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";

type Mode = "login" | "signup";
type Field = "name" | "email" | "password";
const FIELDS: Record<Mode, readonly Field[]> = { signup: ["name", "email", "password"], login: ["email", "password"] };

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const search = useSearchParams();
  const next = safeNextPath(search.get("next"));
  const { status, setUser } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const fieldErrors = errors.fields;

  // Already signed in (or just signed in): go where we were heading.
  useEffect(() => {
    if (status === "signed-in") router.replace(next);
  }, [status, next, router]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "");
    // Every empty field at once, before asking the server (which names only the first).
    const missing = missingFields({ name, email, password }, FIELDS[mode]);
    setErrors(missing);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      const user = mode === "signup" ? await api.signup({ email, password, name }) : await api.login({ email, password });
      setUser(user); // the effect above redirects
    } catch (e) {
      setBusy(false);
      const shown = formErrors(e, FIELDS[mode]);
      const slowed = e instanceof ApiError && e.code === "rate_limited";
      setErrors(slowed ? { ...shown, form: `${shown.form} This protects your account from password guessing.` } : shown);
    }
  }

  const isSignup = mode === "signup";
  const otherHref = (path: string) => (search.get("next") ? `${path}?next=${encodeURIComponent(next)}` : path);

  return (
    <div className="mx-auto max-w-sm py-4 sm:py-10">
      <h1 className="text-2xl font-bold tracking-tight">{isSignup ? "Create your account" : "Sign in to Tandem"}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{isSignup ? "It takes a few seconds. No email confirmation needed." : "Welcome back."}</p>
      <form
        onSubmit={submit}
        noValidate
        className="mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        {errors.form && <Alert>{errors.form}</Alert>}
        {isSignup && <TextField label="Your name" name="name" autoComplete="name" required maxLength={80} error={fieldErrors.name} />}
        <TextField label="Email" name="email" type="email" autoComplete="email" inputMode="email" required error={fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={isSignup ? "new-password" : "current-password"}
          required
          minLength={isSignup ? 8 : undefined}
          hint={isSignup ? "At least 8 characters." : undefined}
          error={fieldErrors.password}
        />
        {!isSignup && (
          <p className="-mt-2 text-right text-sm">
            <Link href="/forgot-password" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
              Forgot password?
            </Link>
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" busy={busy} busyLabel={isSignup ? "Creating account…" : "Signing in…"}>
          {isSignup ? "Create account" : "Sign in"}
        </Button>
      </form>
      <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
        {isSignup ? "Already have an account? " : "New to Tandem? "}
        <Link href={otherHref(isSignup ? "/login" : "/signup")} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
          {isSignup ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </div>
  );
}
