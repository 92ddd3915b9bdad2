// Copies a value to the clipboard and says so for a moment.
"use client";
import { useState } from "react";
import { Button } from "./Button";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the text stays selectable.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <Button size="sm" onClick={copy} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy it" : label}
    </Button>
  );
}
