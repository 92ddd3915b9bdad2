// An announcement's Markdown body, rendered and sanitized in the browser (never on the server), with
// the renderer loaded on demand.
"use client";
import { useEffect, useState } from "react";

export function MarkdownBody({ source, className = "" }: { source: string; className?: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (!source) return setHtml("");
    // marked and DOMPurify load after the first paint (no page needs them to become usable); the
    // title beside the body shows meanwhile.
    let live = true;
    import("@/lib/announcements/markdown").then(
      ({ renderMarkdown }) => live && setHtml(renderMarkdown(source)),
      () => live && setHtml(null),
    );
    return () => {
      live = false;
    };
  }, [source]);
  if (!html) return null;
  return (
    <div
      className={`announcement-body text-sm [&_a]:underline [&_code]:rounded [&_code]:bg-black/5 [&_code]:px-1 dark:[&_code]:bg-white/10 [&_ol]:list-decimal [&_ol]:pl-5 [&_p+p]:mt-1 [&_ul]:list-disc [&_ul]:pl-5 ${className}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify in renderMarkdown (scripts and event handlers removed)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
