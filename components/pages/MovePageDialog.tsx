// "Move to…": the keyboard's (and the phone's) way to put a page under another one, picked from a
// list of every page, and where among that page's sub-pages it goes (first, after one of them, last).
// Pages it cannot go into are listed but disabled, with the reason beside them.
"use client";
import { type FormEvent, useEffect, useId, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import type { MovePageInput } from "@/lib/contracts/pages";
import { AFTER, beforeIdFor, childrenOf, FIRST, INSIDE_ITSELF, LAST, isWithin, type PageForest, shownParent, visibleRows } from "@/lib/pageTree";
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
  const [position, setPosition] = useState(LAST);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!pageId) return;
    setChoice(shownParent(forest, pageId) ?? TOP);
    setPosition(LAST);
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

  const parentId = choice === TOP ? null : choice;
  const siblings = childrenOf(forest, parentId).filter((id) => id !== pageId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!pageId) return;
    if (parentId && isWithin(forest, parentId, pageId)) return setError(INSIDE_ITSELF);
    const beforeId = beforeIdFor(position, siblings);
    const placed = childrenOf(forest, parentId);
    const unchanged = parentId === shownParent(forest, pageId) && placed[placed.indexOf(pageId) + 1] === (beforeId ?? undefined);
    if (unchanged) return onClose();
    setBusy(true);
    setError(null);
    try {
      await onMove({ parentId, beforeId });
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
      description="Pick the page it should go under, and where among that page’s sub-pages. Its own sub-pages come along."
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
            setPosition(LAST);
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
        <label htmlFor={`${fieldId}-position`} className="block pt-2 text-sm font-medium">
          Position
        </label>
        <select
          id={`${fieldId}-position`}
          value={position}
          onChange={(e) => setPosition(e.target.value)}
          className={`${selectClass} w-full`}
          data-testid="move-page-position"
        >
          {siblings.length > 0 && <option value={FIRST}>First</option>}
          {siblings.slice(0, -1).map((id) => (
            <option key={id} value={AFTER(id)}>
              After “{forest.byId.get(id)?.title || "Untitled"}”
            </option>
          ))}
          <option value={LAST}>Last</option>
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
