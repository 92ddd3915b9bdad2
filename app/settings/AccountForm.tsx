// The shell every small form of Settings' account section shares: a heading, the error that belongs
// to no field above the fields, the fields (each with its own error beside it), the submit button
// with its progress label, and a "Saved" line. The form checks its required fields before `save`.
"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { formErrors, hasErrors, missingFields, noErrors, type FormErrors } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

type Props<F extends string> = {
  /** The form's accessible name, e.g. "Change your name". */
  label: string;
  heading: string;
  submitLabel: string;
  fields: readonly F[];
  /** What to ask for when a field is left empty (else apiErrors' default). */
  asks?: Partial<Record<F, string>>;
  /** Saves the values; returns the line to show when it worked. Errors are mapped onto the fields. */
  save: (values: Record<F, string>, form: HTMLFormElement) => Promise<string>;
  /** The fields, given their errors. */
  children: (errors: FormErrors<F>["fields"]) => ReactNode;
};

export function AccountForm<F extends string>({ label, heading, submitLabel, fields, asks = {}, save, children }: Props<F>) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
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

  return (
    <form aria-label={label} noValidate className="space-y-3" onSubmit={submit}>
      <h3 className="text-sm font-semibold">{heading}</h3>
      {errors.form && <Alert>{errors.form}</Alert>}
      {children(errors.fields)}
      <Button type="submit" busy={busy} busyLabel="Saving…">
        {submitLabel}
      </Button>
      {done && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {done}
        </p>
      )}
    </form>
  );
}
