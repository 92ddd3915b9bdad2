// A small textarea form for a comment or a reply; shows the server's error under the field. With
// `mentions`, "@" opens a picker of the document's members (useMentionPicker.tsx).
"use client";
import { useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { COMMENT_BODY_MAX } from "@/lib/realtime/events";
import { type MentionContext, useMentionPicker } from "./useMentionPicker";

export function CommentForm({
  label,
  submitLabel,
  placeholder,
  onSubmit,
  onCancel,
  above,
  autoFocus,
  mentions,
}: {
  label: string;
  submitLabel: string;
  placeholder?: string;
  /** Resolves to an error message, or null when saved (the field then clears). */
  onSubmit: (body: string) => Promise<string | null>;
  onCancel?: () => void;
  above?: ReactNode;
  autoFocus?: boolean;
  /** Where "@" finds members to mention. */
  mentions?: MentionContext;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useMentionPicker(mentions, field, body, setBody);

  async function submit() {
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(null);
    const problem = await onSubmit(body);
    setBusy(false);
    if (problem) setError(problem);
    else setBody("");
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {above}
      <textarea
        ref={field}
        id={id}
        {...picker.fieldProps}
        value={body}
        rows={2}
        maxLength={COMMENT_BODY_MAX}
        placeholder={placeholder}
        // biome-ignore lint/a11y/noAutofocus: only set when the user just asked to reply: the box they opened takes the keys
        autoFocus={autoFocus}
        className={`${inputClass} resize-y`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setBody(e.target.value);
          picker.refresh();
        }}
        onKeyDown={(e) => {
          if (picker.onKeyDown(e)) return;
          // Ctrl/Cmd+Enter sends, like most comment boxes; Escape cancels a reply.
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === "Escape" && onCancel) onCancel();
        }}
      />
      {picker.picker}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button size="sm" variant="primary" type="submit" busy={busy} busyLabel="Sending…" disabled={!body.trim()}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
