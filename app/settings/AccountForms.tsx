// Settings' account section: change the name, the email (the current password required) and the
// password (the current one and a new one; the other signed-in devices are signed out).
"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { accountApi } from "@/lib/accountApi";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { useSession, useUser } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";

const card = "rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900";

/** One small form: checks its required fields, calls `save`, shows errors by field and a "Saved" line. */
function useForm<F extends string>(fields: readonly F[], asks: Partial<Record<F, string>> = {}) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  async function run(event: FormEvent<HTMLFormElement>, save: (values: Record<F, string>, form: HTMLFormElement) => Promise<string>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = Object.fromEntries(fields.map((f) => [f, String(data.get(f) ?? "")])) as Record<F, string>;
    const missing = missingFields(values, fields, asks);
    setErrors(missing);
    setDone(null);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      setDone(await save(values, form));
    } catch (e) {
      setErrors(formErrors(e, fields, asks));
    } finally {
      setBusy(false);
    }
  }
  return { busy, errors, done, run };
}

function Saved({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
      {children}
    </p>
  );
}

export function AccountForms() {
  const user = useUser();
  const { setUser } = useSession();
  const name = useForm(["name"] as const);
  const email = useForm(["email", "currentPassword"] as const, { currentPassword: "Enter your current password." });
  const password = useForm(["currentPassword", "newPassword"] as const, {
    currentPassword: "Enter your current password.",
    newPassword: "Enter a new password.",
  });

  return (
    <section aria-labelledby="account-heading" className={card}>
      <h2 id="account-heading" className="text-lg font-semibold">
        Account
      </h2>
      {user.isAdmin && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You are an administrator of this Tandem.</p>}
      <div className="mt-4 grid gap-6 lg:grid-cols-3">
        <form
          aria-label="Change your name"
          noValidate
          className="space-y-3"
          onSubmit={(e) =>
            name.run(e, async ({ name: value }) => {
              setUser(await accountApi.rename(value));
              return "Your name is saved.";
            })
          }
        >
          <h3 className="text-sm font-semibold">Name</h3>
          {name.errors.form && <Alert>{name.errors.form}</Alert>}
          <TextField label="Your name" name="name" defaultValue={user.name} autoComplete="name" maxLength={80} required error={name.errors.fields.name} />
          <Button type="submit" busy={name.busy} busyLabel="Saving…">
            Save name
          </Button>
          {name.done && <Saved>{name.done}</Saved>}
        </form>

        <form
          aria-label="Change your email"
          noValidate
          className="space-y-3"
          onSubmit={(e) =>
            email.run(e, async (values, form) => {
              setUser(await accountApi.changeEmail({ email: values.email, currentPassword: values.currentPassword }));
              (form.elements.namedItem("currentPassword") as HTMLInputElement).value = "";
              return "Your email is changed. Sign in with it from now on.";
            })
          }
        >
          <h3 className="text-sm font-semibold">Email</h3>
          {email.errors.form && <Alert>{email.errors.form}</Alert>}
          <TextField label="Email" name="email" type="email" defaultValue={user.email} autoComplete="email" required error={email.errors.fields.email} />
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={email.errors.fields.currentPassword}
          />
          <Button type="submit" busy={email.busy} busyLabel="Saving…">
            Change email
          </Button>
          {email.done && <Saved>{email.done}</Saved>}
        </form>

        <form
          aria-label="Change your password"
          noValidate
          className="space-y-3"
          onSubmit={(e) =>
            password.run(e, async (values, form) => {
              await accountApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
              form.reset();
              return "Your password is changed. Your other devices were signed out.";
            })
          }
        >
          <h3 className="text-sm font-semibold">Password</h3>
          {password.errors.form && <Alert>{password.errors.form}</Alert>}
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={password.errors.fields.currentPassword}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            hint="At least 8 characters. Your other devices will be signed out."
            error={password.errors.fields.newPassword}
          />
          <Button type="submit" busy={password.busy} busyLabel="Saving…">
            Change password
          </Button>
          {password.done && <Saved>{password.done}</Saved>}
        </form>
      </div>
    </section>
  );
}
