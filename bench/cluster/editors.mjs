// Editor clients for the cluster workload: the y-websocket protocol with durable acknowledgements
// (`?ack=1`), typing numbered tokens `[e<id>:<n>]`, coming back as the browser's provider does
// (bench/cluster/retry.mjs). The Y.Doc outlives its sockets, as in a browser tab: what was typed while
// away goes up in the next socket's sync step 2.
import { YClient } from "../lib/yclient.mjs";
import { editorRetryMs, errorKind } from "./retry.mjs";

const epoch = () => performance.timeOrigin + performance.now();

export class Editor {
  constructor({ id, endpoint, errors }) {
    Object.assign(this, { id, endpoint, errors });
    this.client = null;
    this.doc = undefined;
    this.seq = 0;
    this.acked = 0; // highest token the server said is stored
    this.failures = 0;
    this.synced = false;
    this.upstream = null;
    this.outage = null;
    this.outages = [];
    this.stopped = false;
    this.onSynced = null;
  }

  connect() {
    if (this.stopped) return;
    this.triedAt = epoch();
    if (this.outage) this.outage.tries++;
    const url = `${this.endpoint.url}${this.endpoint.url.includes("?") ? "&" : "?"}ack=1`;
    const client = new YClient({ ...this.endpoint, url }, this.doc ? { doc: this.doc } : {});
    this.doc = client.doc;
    this.client = client;
    client.connect();
    const ws = client.ws;
    const highestByFrame = [0]; // write frame number on this socket -> highest token in it
    this.highestByFrame = highestByFrame;
    let opened = false;
    let closed = false;
    ws.on("upgrade", (res) => (this.upstream = res.headers["x-upstream"]?.split(", ").at(-1) ?? null)); // the one that answered
    ws.on("open", () => {
      opened = true;
      this.failures = 0;
    });
    ws.on("message", () => {
      // After YClient's own handler: a step 2 it just sent carries every token so far.
      if (highestByFrame[client.writeFrames] === undefined) highestByFrame[client.writeFrames] = this.seq;
      const through = highestByFrame[Math.min(client.durableFrames, highestByFrame.length - 1)] ?? 0;
      if (through > this.acked) this.acked = through;
    });
    client.synced.then(
      () => {
        if (client !== this.client) return;
        this.synced = true;
        if (this.outage) {
          this.outages.push({ ...this.outage, backAt: epoch(), lastTryAt: this.triedAt, to: this.upstream });
          this.outage = null;
        }
        this.onSynced?.();
      },
      () => {},
    );
    ws.on("error", (error) => {
      if (!opened) this.count(errorKind(error));
    });
    ws.on("close", () => {
      if (closed) return;
      closed = true;
      if (this.stopped) return;
      if (this.synced) this.outage = { lostAt: epoch(), from: this.upstream, tries: 0 };
      this.synced = false;
      if (!opened) this.failures++;
      this.timer = setTimeout(() => this.connect(), editorRetryMs(this.failures));
    });
  }

  type() {
    const text = this.doc.getText("t");
    const before = this.client.writeFrames;
    text.insert(text.length, `[e${this.id}:${++this.seq}]`);
    if (this.client.writeFrames > before) this.highestByFrame[this.client.writeFrames] = this.seq;
  }

  count(kind) {
    this.errors[`editor ${kind}`] = (this.errors[`editor ${kind}`] ?? 0) + 1;
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.client?.close();
  }
}
