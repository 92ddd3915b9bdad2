// Bundled for the browser test: exposes the shared stream of lib/announcements on window.
import { getSharedEventStream } from "../../lib/announcements/sharedStream";
import { renderMarkdown } from "../../lib/announcements/markdown";

const w = window as unknown as Record<string, unknown>;
// Record the URLs this tab opens streams with (to see a new leader resume with lastEventId).
const urls: string[] = [];
w.__urls = urls;
const NativeEventSource = window.EventSource;
window.EventSource = class extends NativeEventSource {
  constructor(url: string | URL, init?: EventSourceInit) {
    urls.push(String(url));
    super(url, init);
  }
} as typeof EventSource;

const stream = getSharedEventStream();
w.__stream = stream;
w.__snapshot = () => ({ ...stream.getState(), leader: stream.isLeader });
stream.subscribe(() => undefined);
w.__renderMarkdown = renderMarkdown;
