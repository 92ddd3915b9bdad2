// Stands where the collaborative editor goes until it is wired in; says so plainly.
export function EditorPlaceholder({ readOnly }: { readOnly: boolean }) {
  return (
    <div
      data-testid="editor-placeholder"
      className="grid min-h-[24rem] place-items-center rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div>
        <p className="font-medium text-zinc-800 dark:text-zinc-200">The collaborative editor is being set up.</p>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          {readOnly
            ? "You will be able to read this document here, live as others edit it."
            : "Soon you will write here together, and see each other's changes as they happen."}
        </p>
      </div>
    </div>
  );
}
