// Calls back once the live document has stopped changing for `delayMs` (anyone's edit, ours or
// arriving over Yjs): the moment to fetch who-wrote-what or a comparison with the current text
// again, and when the server makes its automatic versions.
"use client";
import { useEffect, useRef } from "react";
import type { Editor } from "@tiptap/react";

export function useEditorPause(editor: Editor | null, callback: () => void, delayMs: number, active = true): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (!editor || !active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), delayMs);
    };
    editor.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off("update", onUpdate);
    };
  }, [editor, delayMs, active]);
}
