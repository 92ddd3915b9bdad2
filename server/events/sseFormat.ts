// Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).
// One frame per event; data is JSON, split on newlines so a stray one cannot end the frame early.

export function formatEvent(id: number, event: string, data: unknown): string {
  if (/[\r\n]/.test(event)) throw new Error("an SSE event name cannot contain a newline");
  const json = JSON.stringify(data) ?? "null";
  const dataLines = json
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join("");
  return `id: ${id}\nevent: ${event}\n${dataLines}\n`;
}

/** A comment line: ignored by EventSource, but keeps proxies and idle timers from closing the stream. */
export function formatComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}
