// Compose or edit an announcement; a preview shows what readers will see before it is published.
"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { ApiError, errorMessage } from "@/lib/api";
import { announcementsApi } from "@/lib/announcements/adminApi";
import type { AdminAnnouncement } from "@/lib/announcements/types";
import { AnnouncementPreview } from "./AnnouncementPreview";
import { emptyForm, fromAnnouncement, toInput, type FormValues } from "./formValues";

type Props = { editing: AdminAnnouncement | null; onSaved: () => void; onCancel: () => void };

export function AnnouncementForm({ editing, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<FormValues>(() => (editing ? fromAnnouncement(editing) : emptyForm));
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing) await announcementsApi.update(editing.id, toInput(values));
      else await announcementsApi.create(toInput(values));
      setValues(emptyForm);
      setPreviewing(false);
      onSaved();
    } catch (err) {
      setError({ message: errorMessage(err), field: err instanceof ApiError ? err.field : undefined });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="compose-heading" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="compose-heading" className="text-lg font-semibold">
        {editing ? `Edit “${editing.title}”` : "New announcement"}
      </h2>
      <Field label="Title">
        <input className={inputClass} name="title" required maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />
      </Field>
      <Field label="Message" hint="Markdown: **bold**, _italic_, [links](https://example.com), lists.">
        <textarea className={`${inputClass} min-h-24 font-mono`} name="body" maxLength={20000} value={values.body} onChange={(e) => set("body", e.target.value)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Type">
          <select className={inputClass} name="kind" value={values.kind} onChange={(e) => set("kind", e.target.value as FormValues["kind"])}>
            <option value="banner">Banner at the top of every page</option>
            <option value="notification">Notification in the corner</option>
            <option value="maintenance">Planned maintenance (with countdown)</option>
          </select>
        </Field>
        <Field label="Severity">
          <select className={inputClass} name="severity" value={values.severity} onChange={(e) => set("severity", e.target.value as FormValues["severity"])}>
            <option value="info">Information</option>
            <option value="success">Good news</option>
            <option value="warning">Warning</option>
            <option value="critical">Critical</option>
          </select>
        </Field>
        <Field label="Who sees it">
          <select className={inputClass} name="audience" value={values.audience} onChange={(e) => set("audience", e.target.value as FormValues["audience"])}>
            <option value="everyone">Everyone, signed in or not</option>
            <option value="users">Signed-in people</option>
            <option value="admins">Administrators only</option>
          </select>
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={values.kind === "maintenance" ? "Maintenance starts" : "Show from"} hint="Empty: right away.">
          <input type="datetime-local" className={inputClass} name="startsAt" value={values.startsAt} onChange={(e) => set("startsAt", e.target.value)} />
        </Field>
        <Field label={values.kind === "maintenance" ? "Maintenance ends" : "Show until"} hint="Empty: until you revoke it.">
          <input type="datetime-local" className={inputClass} name="endsAt" value={values.endsAt} onChange={(e) => set("endsAt", e.target.value)} />
        </Field>
        <Field label="Only on pages" hint='Optional, e.g. "/documents/*".'>
          <input className={inputClass} name="targetPath" placeholder="All pages" value={values.targetPath} onChange={(e) => set("targetPath", e.target.value)} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dismissible" checked={values.dismissible} onChange={(e) => set("dismissible", e.target.checked)} />
        People can dismiss it
      </label>
      {error && <Alert>{error.message}</Alert>}
      {previewing && <AnnouncementPreview values={values} />}
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => setPreviewing((p) => !p)}>
          {previewing ? "Hide preview" : "Preview"}
        </Button>
        <Button type="submit" variant="primary" busy={busy} busyLabel={editing ? "Saving…" : "Publishing…"}>
          {editing ? "Save changes" : "Publish"}
        </Button>
        {editing && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block">
      <span className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
      {children}
      {hint && <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>}
    </label>
  );
}
