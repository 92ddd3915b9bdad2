// How the browser clients come back, mirrored for the load generator:
// - the editor (y-websocket 3 WebsocketProvider): 100 ms · 2^failures, at most 2.5 s; the count of
//   failures resets on every open, so the first try after a lost socket comes 100 ms later;
// - the event stream (EventSource): after a stream that was open ends, the server's `retry:` value
//   (Tandem sends it on every stream); after a refused answer (non-200) the browser gives up and
//   lib/announcements/sharedStream.ts retries from 1 s, doubling to 30 s.
// Neither browser path adds jitter of its own, so none is added here: whatever spread the clients
// show comes from the server's `retry:` values.

export function editorRetryMs(failures) {
  return Math.min(2 ** failures * 100, 2500);
}

/** EventSource's default when no `retry:` was heard (Chromium and Firefox: 3 s). */
export const EVENTSOURCE_DEFAULT_RETRY_MS = 3000;

export function refusedStreamRetryMs(failures) {
  return Math.min(1000 * 2 ** failures, 30_000);
}

/** A network error or HTTP status, as counted in the report. */
export function errorKind(error) {
  const status = /Unexpected server response: (\d+)/.exec(error?.message ?? "")?.[1];
  if (status) return `http ${status}`;
  return error?.code === "ECONNREFUSED" ? "refused" : (error?.code ?? "other");
}
