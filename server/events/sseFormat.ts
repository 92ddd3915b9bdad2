// Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).
// One frame per event; data is one line of JSON: JSON.stringify writes no raw CR or LF (it escapes them
// inside strings and adds no whitespace), so a value cannot end the frame early.

export function formatEvent(id: number, event: string, data: unknown): string {
  if (/[\r\n]/.test(event)) throw new Error("an SSE event name cannot contain a newline");
  const json = JSON.stringify(data) ?? "null";
  return `id: ${id}\nevent: ${event}\ndata: ${json}\n\n`;
}

/** The frame as bytes, encoded once and written to every stream that receives it. */
export function eventFrame(id: number, event: string, data: unknown): Buffer {
  return Buffer.from(formatEvent(id, event, data), "utf8");
}

/** A comment line: ignored by EventSource, but keeps proxies and idle timers from closing the stream. */
export function formatComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}
