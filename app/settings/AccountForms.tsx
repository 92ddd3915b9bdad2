// Settings' account section: change the name, the email (the current password, then a link mailed to
// the new address: EmailChange.tsx) and the
// password (the current one and a new one; the other signed-in devices are signed out, access tokens
// keep working, as on GitHub and GitLab: scripts do not break, and a leaked one is revoked by name). Each is an
// AccountForm (the shared shell); only the fields and what saving does differ.
"use client";
import { accountApi } from "@/lib/accountApi";
import { useSession, useUser } from "@/components/layout/SessionProvider";
import { TextField } from "@/components/ui/TextField";
import { AccountForm } from "./AccountForm";
import { EmailChange } from "./EmailChange";

const card = "rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900";
const ASK_CURRENT = { currentPassword: "Enter your current password." };
// What tells the forms apart, besides their fields and what saving does.
const NAME_FORM = { label: "Change your name", heading: "Name", submitLabel: "Save name", fields: ["name"] as const };
const PASSWORD_FORM = {
  label: "Change your password",
  heading: "Password",
  submitLabel: "Change password",
  fields: ["currentPassword", "newPassword"] as const,
  asks: { ...ASK_CURRENT, newPassword: "Enter a new password." },
};

function CurrentPassword({ error }: { error?: string }) {
  return <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={error} />;
}

export function AccountForms() {
  const user = useUser();
  const { setUser } = useSession();

  return (
    <section aria-labelledby="account-heading" className={card}>
      <h2 id="account-heading" className="text-lg font-semibold">
        Account
      </h2>
      {user.isAdmin && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You are an administrator of this Tandem.</p>}
      <div className="mt-4 grid gap-6 lg:grid-cols-3">
        <AccountForm
          {...NAME_FORM}
          save={async ({ name }) => {
            setUser(await accountApi.rename(name));
            return "Your name is saved.";
          }}
        >
          {(errors) => <TextField label="Your name" name="name" defaultValue={user.name} autoComplete="name" maxLength={80} required error={errors.name} />}
        </AccountForm>

        <EmailChange />

        <AccountForm
          {...PASSWORD_FORM}
          save={async (values, form) => {
            await accountApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
            form.reset();
            return "Your password is changed. Other devices were signed out.";
          }}
        >
          {(errors) => (
            <>
              <CurrentPassword error={errors.currentPassword} />
              <TextField
                label="New password"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                minLength={8}
                required
                hint="At least 8 characters. Other devices will be signed out; access tokens keep working."
                error={errors.newPassword}
              />
            </>
          )}
        </AccountForm>
      </div>
    </section>
  );
}
