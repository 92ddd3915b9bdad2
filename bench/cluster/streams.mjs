// Event-stream clients for the cluster workload: each holds `GET /api/events` through nginx, parses the
// SSE frames, and comes back as a browser's EventSource does (bench/cluster/retry.mjs) with the last
// event id it saw, so the shared event log can replay what it missed.
import http from "node:http";
import { EVENTSOURCE_DEFAULT_RETRY_MS, errorKind, refusedStreamRetryMs } from "./retry.mjs";

const epoch = () => performance.timeOrigin + performance.now();
const TITLE = /^cluster (\d+)$/;

export class StreamClient {
  constructor({ host, port, cookie, errors }) {
    Object.assign(this, { host, port, cookie, errors });
    this.lastEventId = null;
    this.retryMs = EVENTSOURCE_DEFAULT_RETRY_MS;
    this.refusals = 0;
    this.seen = new Map(); // announcement number -> times received
    this.upstream = null;
    this.served = false;
    this.outage = null; // { lostAt, from } while away
    this.outages = []; // { lostAt, backAt, from, to }
    this.stopped = false;
    this.onServed = null;
  }

  connect() {
    if (this.stopped) return;
    this.triedAt = epoch();
    if (this.outage) this.outage.tries++;
    const headers = { accept: "text/event-stream", cookie: this.cookie };
    if (this.lastEventId) headers["last-event-id"] = this.lastEventId;
    let responded = false;
    let ended = false;
    const lost = () => {
      if (ended) return;
      ended = true;
      this.served = false;
      if (this.stopped) return;
      this.outage ??= { lostAt: epoch(), from: this.upstream, tries: 0 };
      this.later(this.retryMs);
    };
    const req = http.get({ host: this.host, port: this.port, path: "/api/events", agent: false, headers }, (res) => {
      responded = true;
      if (res.statusCode !== 200) {
        this.count(`http ${res.statusCode}`);
        res.resume();
        ended = true;
        // The EventSource gives up on a non-200 answer; the app's own backoff takes over.
        return this.later(refusedStreamRetryMs(this.refusals++));
      }
      this.refusals = 0;
      this.upstream = res.headers["x-upstream"]?.split(", ").at(-1) ?? null; // after a failed try: the last one answered
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk) => {
        if (!this.served) this.markServed();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          this.frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      res.on("close", lost);
      res.on("error", lost);
    });
    this.req = req;
    req.on("error", (error) => {
      if (responded) return lost();
      if (ended) return;
      ended = true;
      this.count(errorKind(error));
      this.later(this.retryMs); // a network error: the EventSource keeps trying after `retry`
    });
  }

  markServed() {
    this.served = true;
    if (this.outage) {
      this.outages.push({ ...this.outage, backAt: epoch(), lastTryAt: this.triedAt, to: this.upstream });
      this.outage = null;
    }
    this.onServed?.();
  }

  frame(frame) {
    let event = "message";
    let data = null;
    for (const line of frame.split("\n")) {
      if (line.startsWith("id: ")) this.lastEventId = line.slice(4);
      else if (line.startsWith("retry: ")) this.retryMs = Number(line.slice(7));
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data = line.slice(6);
    }
    if (event !== "announcement" || !data) return;
    const match = TITLE.exec(JSON.parse(data).title ?? "");
    if (match) this.seen.set(Number(match[1]), (this.seen.get(Number(match[1])) ?? 0) + 1);
  }

  count(kind) {
    this.errors[`stream ${kind}`] = (this.errors[`stream ${kind}`] ?? 0) + 1;
  }

  later(ms) {
    this.timer = setTimeout(() => this.connect(), ms);
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.req?.destroy();
  }
}
