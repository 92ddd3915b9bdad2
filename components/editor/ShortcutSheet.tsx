// The keyboard shortcut sheet: "?" anywhere outside a text field, or Ctrl/Cmd+/ anywhere (also in the
// text), opens a dialog listing the editor's shortcuts with this platform's keys (⌘ on a Mac).
"use client";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { isMacPlatform } from "@/lib/editor/shortcuts";

// The sheet itself (its table of shortcuts) loads the first time it opens; only the key listener is eager.
const ShortcutSheetDialog = dynamic(() => import("./ShortcutSheetDialog").then((m) => m.ShortcutSheetDialog), { ssr: false });

/** Typing "?" there means the character, not the sheet. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(target.type);
}

export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false); // once opened, the sheet stays mounted
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(isMacPlatform()), []);
  useEffect(() => {
    if (open) setOpened(true);
  }, [open]);

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

  return open || opened ? <ShortcutSheetDialog open={open} onClose={() => setOpen(false)} mac={mac} /> : null;
}
