// "A new version of Tandem is available": the server's build changed since this tab loaded.
"use client";

export function VersionNotice() {
  return (
    <div
      role="status"
      data-testid="version-notice"
      className="border-b border-indigo-200 bg-indigo-50 py-2 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/70 dark:text-indigo-100"
    >
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4">
        <p>A new version of Tandem is available. Reload the page to use it.</p>
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          Reload
        </button>
      </div>
    </div>
  );
}
