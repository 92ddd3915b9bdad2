// The small link editor that opens at the selection: the address (and the text, when nothing was
// selected), refused in plain words when it is not a web or email address. Escape cancels.
"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/TextField";
import { LINK_REFUSED, normalizeLink } from "@/lib/editor/linkRule";
import type { LinkEditing } from "./useLinkEditing";

type Editing = Extract<LinkEditing, { kind: "editing" }>;

export function LinkEditorForm({ editing, onSave, onCancel }: { editing: Editing; onSave: (href: string, text: string) => void; onCancel: () => void }) {
  const id = useId();
  const [href, setHref] = useState(editing.mode === "edit" ? editing.href : "");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLInputElement>(null);
  const withText = editing.mode === "new" && editing.withText;

  useEffect(() => {
    if (withText) return textRef.current?.focus();
    addressRef.current?.focus();
    addressRef.current?.select(); // editing: typing replaces the old address
  }, [withText]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const normalized = normalizeLink(href);
    if (!normalized) {
      setProblem(LINK_REFUSED);
      addressRef.current?.focus();
      return;
    }
    onSave(normalized, text);
  }

  const title = editing.mode === "edit" ? "Edit link" : "Add a link";
  return (
    <div
      role="dialog"
      aria-label={title}
      data-testid="link-editor"
      className="w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <form onSubmit={submit} noValidate className="space-y-2">
        {withText && (
          <div>
            <label htmlFor={`${id}-text`} className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Text to show
            </label>
            <input
              ref={textRef}
              id={`${id}-text`}
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
              className={inputClass}
              placeholder="The address, if left empty"
            />
          </div>
        )}
        <div>
          <label htmlFor={`${id}-href`} className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
            Link address
          </label>
          <input
            ref={addressRef}
            id={`${id}-href`}
            type="url"
            inputMode="url"
            value={href}
            placeholder="https://…"
            autoComplete="off"
            onChange={(e) => {
              setHref(e.target.value);
              setProblem(null);
            }}
            className={inputClass}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-error` : undefined}
          />
          {problem && (
            <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {problem}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="sm" type="submit" variant="primary">
            {editing.mode === "edit" ? "Save link" : "Add link"}
          </Button>
        </div>
      </form>
    </div>
  );
}
