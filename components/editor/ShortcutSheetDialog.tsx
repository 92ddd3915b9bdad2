// The keyboard shortcut sheet's dialog: the editor's shortcuts with this platform's keys. Opened by
// ShortcutSheet.tsx, which listens for "?" and Ctrl/Cmd+/ and loads this on first use.
"use client";
import { Dialog } from "@/components/ui/Dialog";
import { keyLabel, SHORTCUT_GROUPS } from "@/lib/editor/shortcuts";

export function ShortcutSheetDialog({ open, onClose, mac }: { open: boolean; onClose: () => void; mac: boolean }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcut-sheet" size="md">
      {/* It scrolls on a short screen: focusable, so the keyboard can scroll it too. */}
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region has to take focus for the arrow keys to scroll it (WCAG 2.1.1)
        tabIndex={0}
        aria-label="Shortcut list"
        className="max-h-[65vh] space-y-5 overflow-y-auto pr-1 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{group.title}</h3>
            <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {group.shortcuts.map((s) => (
                <div key={s.action} className="flex items-center justify-between gap-4 py-1.5 text-sm">
                  <dt className="text-zinc-800 dark:text-zinc-200">{s.action}</dt>
                  <dd className="flex shrink-0 items-center gap-1">
                    {s.keys.map((k) => (
                      <kbd
                        key={k}
                        className="min-w-6 rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-mono text-xs text-zinc-700 shadow-[inset_0_-1px_0] shadow-zinc-300 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200 dark:shadow-zinc-600"
                      >
                        {keyLabel(k, mac)}
                      </kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>
    </Dialog>
  );
}
