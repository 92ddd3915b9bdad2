// The owner's "share with" form: someone's email and the role they get.
"use client";
import { useState, type FormEvent } from "react";
import type { AddMemberResponse } from "@/lib/contracts/invitations";
import { formErrors } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { Alert } from "@/components/ui/Alert";
import { InvitationLink } from "./InvitationLink";

type Props = { onAdd: (email: string, role: "editor" | "viewer") => Promise<AddMemberResponse> };
type Outcome = { kind: "added"; text: string } | { kind: "invited"; email: string; emailed: boolean; url?: string };

export const selectClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm text-zinc-900 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500/40 " +
  "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

export function AddMemberForm({ onAdd }: Props) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"editor" | "viewer">("editor");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<Outcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const result = await onAdd(email, role);
      setEmail("");
      setAdded(
        "invitation" in result
          ? { kind: "invited", email: result.invitation.email, emailed: result.emailed, url: result.url }
          : { kind: "added", text: `${result.name} can now ${result.role === "editor" ? "edit" : "view"} this document.` },
      );
    } catch (e) {
      const shown = formErrors(e, ["email"] as const);
      setError(shown.fields.email ?? shown.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Add people" className="space-y-2">
      <label htmlFor="share-email" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Share with
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="share-email"
          data-autofocus
          type="email"
          inputMode="email"
          autoComplete="off"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={inputClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "share-error" : undefined}
        />
        <div className="flex gap-2">
          <label htmlFor="share-role" className="sr-only">
            Role
          </label>
          <select id="share-role" value={role} onChange={(e) => setRole(e.target.value as "editor" | "viewer")} className={selectClass}>
            <option value="editor">Can edit</option>
            <option value="viewer">Can view</option>
          </select>
          <Button type="submit" variant="primary" busy={busy} busyLabel="Adding…" disabled={email.trim() === ""}>
            Add
          </Button>
        </div>
      </div>
      {error && (
        <p id="share-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {added?.kind === "added" && <Alert tone="success">{added.text}</Alert>}
      {added?.kind === "invited" &&
        (added.emailed || !added.url ? (
          <Alert tone="success">{`${added.email} has no Tandem account yet, so we emailed them an invitation. It works for 7 days.`}</Alert>
        ) : (
          <InvitationLink email={added.email} url={added.url} />
        ))}
    </form>
  );
}
