// The keyboard shortcut sheet: "?" anywhere outside a text field, or Ctrl/Cmd+/ anywhere (also in the
// text), opens a dialog listing the editor's shortcuts with this platform's keys (⌘ on a Mac).
"use client";
import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { keyLabel, SHORTCUT_GROUPS } from "@/lib/editor/shortcuts";

/** Typing "?" there means the character, not the sheet. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(target.type);
}

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);

export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(isMac()), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const modSlash = (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "/" || e.code === "Slash");
      const question = e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target);
      if (!modSlash && !question) return;
      // A dialog already open (this one or another) keeps the keyboard.
      if (!open && document.querySelector("dialog[open]")) return;
      e.preventDefault();
      setOpen((was) => !was);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" testId="shortcut-sheet" size="md">
      <div className="max-h-[65vh] space-y-5 overflow-y-auto pr-1">
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
      </div>
    </Dialog>
  );
}
