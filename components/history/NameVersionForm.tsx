// "Name this version" (editors): keeps the document as it is now under a name, e.g. "Sent to legal".
// A button until it is needed, then a one-field form; errors in plain words next to the field.
"use client";
import { useState, type FormEvent } from "react";
import { VERSION_NAME_MAX, type Version } from "@/lib/contracts/history";
import { formErrors, missingFields, noErrors, hasErrors, type FormErrors } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";

const ASKS = { name: "Give this version a name." };

export function NameVersionForm({ onName }: { onName: (name: string) => Promise<Version> }) {
  const [state, setState] = useState<{ kind: "closed" } | { kind: "open" } | { kind: "saving" } | { kind: "saved"; name: string }>({ kind: "closed" });
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FormErrors<"name">>(noErrors());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingFields({ name }, ["name"], ASKS);
    if (hasErrors(missing)) return setErrors(missing);
    setState({ kind: "saving" });
    try {
      const version = await onName(name.trim());
      setName("");
      setErrors(noErrors());
      setState({ kind: "saved", name: version.name ?? name.trim() });
    } catch (error) {
      setErrors(formErrors(error, ["name"], ASKS));
      setState({ kind: "open" });
    }
  }

  if (state.kind === "closed" || state.kind === "saved") {
    return (
      <div className="space-y-1">
        <Button size="sm" className="w-full" data-testid="name-version" onClick={() => setState({ kind: "open" })}>
          Name this version
        </Button>
        {state.kind === "saved" && (
          <p role="status" className="text-center text-xs text-emerald-700 dark:text-emerald-400">
            Saved as “{state.name}”.
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid="name-version-form"
      className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      // Escape leaves the form, not the whole history.
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.stopPropagation();
        setState({ kind: "closed" });
      }}
    >
      <TextField
        label="Version name"
        hint="Keeps the document as it is now, under this name."
        placeholder="e.g. Sent to legal"
        maxLength={VERSION_NAME_MAX}
        autoFocus
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setErrors(noErrors());
        }}
        error={errors.fields.name}
      />
      {errors.form && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors.form}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={() => setState({ kind: "closed" })}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" busy={state.kind === "saving"} busyLabel="Saving…">
          Save
        </Button>
      </div>
    </form>
  );
}
