// "Move to…": the keyboard's (and the phone's) way to put a page under another one, picked from a
// list of every page. Pages it cannot go into are listed but disabled, with the reason beside them.
"use client";
import { type FormEvent, useEffect, useId, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import type { MovePageInput } from "@/lib/contracts/pages";
import { INSIDE_ITSELF, isWithin, type PageForest, shownParent, visibleRows } from "@/lib/pageTree";
import { Dialog } from "@/components/ui/Dialog";
import { Button } from "@/components/ui/Button";
import { selectClass } from "@/components/documents/AddMemberForm";

const TOP = "__top__";

type Props = {
  forest: PageForest;
  pageId: string | null;
  onClose: () => void;
  onMove: (input: MovePageInput) => Promise<void>;
};

export function MovePageDialog({ forest, pageId, onClose, onMove }: Props) {
  const fieldId = useId();
  const errorId = useId();
  const [choice, setChoice] = useState(TOP);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!pageId) return;
    setChoice(shownParent(forest, pageId) ?? TOP);
    setError(null);
  }, [pageId, forest]);

  const page = pageId ? forest.byId.get(pageId) : undefined;
  const title = page?.title || "Untitled";
  const options = visibleRows(forest, () => true).map((row) => {
    const p = forest.byId.get(row.id);
    const reason =
      pageId && isWithin(forest, row.id, pageId) ? (row.id === pageId ? "this page" : "one of its sub-pages") : p?.role === "viewer" ? "view only" : null;
    return { id: row.id, label: `${"\u00a0\u00a0".repeat(row.level - 1)}${p?.title || "Untitled"}`, reason };
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!pageId) return;
    const parentId = choice === TOP ? null : choice;
    if (parentId && isWithin(forest, parentId, pageId)) return setError(INSIDE_ITSELF);
    if (parentId === shownParent(forest, pageId)) return onClose();
    setBusy(true);
    setError(null);
    try {
      await onMove({ parentId, beforeId: null });
    } catch (err) {
      setError(plainError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={pageId !== null}
      onClose={onClose}
      testId="move-page-dialog"
      title={`Move “${title}”`}
      description="Pick the page it should go under. It goes last among that page’s sub-pages, and its own sub-pages come along."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={`${fieldId}-form`} variant="primary" busy={busy} busyLabel="Moving…">
            Move
          </Button>
        </>
      }
    >
      <form id={`${fieldId}-form`} onSubmit={submit} className="space-y-2">
        <label htmlFor={fieldId} className="block text-sm font-medium">
          Put it under
        </label>
        <select
          id={fieldId}
          data-autofocus
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`${selectClass} w-full`}
          data-testid="move-page-select"
        >
          <option value={TOP}>Top level (no parent page)</option>
          {options.map((o) => (
            <option key={o.id} value={o.id} disabled={o.reason !== null}>
              {o.reason ? `${o.label} — ${o.reason}` : o.label}
            </option>
          ))}
        </select>
        {error && (
          <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
