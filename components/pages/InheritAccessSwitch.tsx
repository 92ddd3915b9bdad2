// In the share dialog of a sub-page: whether everyone with access to the parent page has it here too.
// Only the owner changes it; everyone else reads what it means for them.
"use client";
import { useId, useState } from "react";
import { plainError } from "@/lib/apiErrors";
import { type PageNode, pagesApi } from "@/lib/pagesApi";

/** `parentTitle` null: the page has a parent the caller cannot open (only its owner is shown the switch then). */
type Props = { page: PageNode; parentTitle: string | null; isOwner: boolean; onChanged: (page: PageNode) => void };

export function InheritAccessSwitch({ page, parentTitle, isOwner, onChanged }: Props) {
  const labelId = useId();
  const descriptionId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const on = page.inheritAccess;
  const parent = parentTitle === null ? "the parent page" : `“${parentTitle || "Untitled"}”`;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await pagesApi.setInheritAccess(page.id, !on));
    } catch (e) {
      setError(`The setting was not changed. ${plainError(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="inherit-access" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p id={labelId} className="text-sm font-medium">
            Inherit access from {parent}
          </p>
          <p id={descriptionId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {on
              ? `Everyone who can open ${parent} can open this page too, with the same role. The people listed below have access on top of that.`
              : `Only the people listed below can open this page. Having access to ${parent} does not give access here.`}
            {parentTitle === null && " The parent page is not visible to you: it is not shared with you."}
            {!isOwner && " Only the owner can change this."}
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={labelId}
          aria-describedby={descriptionId}
          disabled={!isOwner || busy}
          aria-busy={busy || undefined}
          onClick={() => void toggle()}
          data-testid="inherit-access-switch"
          className={`relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 ${
            on ? "bg-indigo-600" : "bg-zinc-400 dark:bg-zinc-600"
          }`}
        >
          <span
            aria-hidden="true"
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${on ? "translate-x-5" : "translate-x-0.5"}`}
          />
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
