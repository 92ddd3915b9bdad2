// Compose or edit an announcement; a preview shows what readers will see before it is published.
"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { announcementsApi } from "@/lib/announcements/adminApi";
import type { AdminAnnouncement } from "@/lib/announcements/types";
import { AnnouncementPreview } from "./AnnouncementPreview";
import { emptyForm, fromAnnouncement, toInput, type FormValues } from "./formValues";

type Props = { editing: AdminAnnouncement | null; onSaved: () => void; onCancel: () => void };

/** The fields the API may name in an error; each shows its error beneath it. */
const FIELDS = ["title", "body", "startsAt", "endsAt", "targetPath"] as const;
type Field = (typeof FIELDS)[number];

export function AnnouncementForm({ editing, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<FormValues>(() => (editing ? fromAnnouncement(editing) : emptyForm));
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [showAgain, setShowAgain] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const fieldError = errors.fields;
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingFields<Field>({ title: values.title }, ["title"]);
    setErrors(missing);
    if (hasErrors(missing)) return;
    setBusy(true);
    try {
      if (editing) await announcementsApi.update(editing.id, { ...toInput(values), showAgain });
      else await announcementsApi.create(toInput(values));
      setValues(emptyForm);
      setPreviewing(false);
      onSaved();
    } catch (err) {
      setErrors(formErrors(err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="compose-heading"
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="compose-heading" className="text-lg font-semibold">
        {editing ? `Edit “${editing.title}”` : "New announcement"}
      </h2>
      <Field label="Title" error={fieldError.title}>
        <input
          className={inputClass}
          name="title"
          aria-invalid={fieldError.title ? true : undefined}
          required
          maxLength={200}
          value={values.title}
          onChange={(e) => set("title", e.target.value)}
        />
      </Field>
      <Field label="Message" hint="Markdown: **bold**, _italic_, [links](https://example.com), lists." error={fieldError.body}>
        <textarea
          className={`${inputClass} min-h-24 font-mono`}
          name="body"
          aria-invalid={fieldError.body ? true : undefined}
          maxLength={20000}
          value={values.body}
          onChange={(e) => set("body", e.target.value)}
        />
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
        <Field label={values.kind === "maintenance" ? "Maintenance starts" : "Show from"} hint="Empty: right away." error={fieldError.startsAt}>
          <input
            type="datetime-local"
            className={inputClass}
            name="startsAt"
            aria-invalid={fieldError.startsAt ? true : undefined}
            value={values.startsAt}
            onChange={(e) => set("startsAt", e.target.value)}
          />
        </Field>
        <Field label={values.kind === "maintenance" ? "Maintenance ends" : "Show until"} hint="Empty: until you revoke it." error={fieldError.endsAt}>
          <input
            type="datetime-local"
            className={inputClass}
            name="endsAt"
            aria-invalid={fieldError.endsAt ? true : undefined}
            value={values.endsAt}
            onChange={(e) => set("endsAt", e.target.value)}
          />
        </Field>
        <Field label="Only on pages" hint='Optional, e.g. "/documents/*".' error={fieldError.targetPath}>
          <input
            className={inputClass}
            name="targetPath"
            aria-invalid={fieldError.targetPath ? true : undefined}
            placeholder="All pages"
            value={values.targetPath}
            onChange={(e) => set("targetPath", e.target.value)}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dismissible" checked={values.dismissible} onChange={(e) => set("dismissible", e.target.checked)} />
        People can dismiss it
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="requiresAck" className="mt-0.5" checked={values.requiresAck} onChange={(e) => set("requiresAck", e.target.checked)} />
        <span>
          People must confirm they have read it
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            Signed-in people see an “I have read this” button instead of dismissing it; it stays on every device until they press it.
          </span>
        </span>
      </label>
      {editing && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="showAgain" className="mt-0.5" checked={showAgain} onChange={(e) => setShowAgain(e.target.checked)} />
          <span>
            Show again to people who dismissed it
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              For a change that matters{values.requiresAck ? " (they confirm again)" : ""}. Leave it off for a typo fix.
            </span>
          </span>
        </label>
      )}
      {errors.form && <Alert>{errors.form}</Alert>}
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

function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children, inside the label
    <label className="block">
      <span className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
      {children}
      {error ? (
        <span role="alert" data-testid="field-error" className="mt-1 block text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : (
        hint && <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>
      )}
    </label>
  );
}
