// Tandem's HTTP collab transport for the load generators: a `ws`-like object (open/message/close
// events, send, bufferedAmount, terminate) over the SSE stream and batched POSTs, exactly the wire
// format of lib/collab/httpSocket.ts (which the browser uses): frames down as base64 `data:` lines,
// up as length-prefixed bodies, what is sent within 20 ms in one POST, one POST in flight.
import { EventEmitter } from "node:events";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

const BATCH_MS = 20;

export class HttpTransportSocket extends EventEmitter {
  /** url: ws://host/collab/<id>?token=… (as for the WebSocket); mapped to the HTTP routes. */
  constructor(url) {
    super();
    const ws = new URL(url);
    const id = ws.pathname.replace(/^.*\/collab\//, "");
    const base = `http://${ws.host}/api/collab/${id}`;
    this.streamUrl = `${base}/stream${ws.search}`;
    this.framesUrl = new URL(`${base}/frames${ws.search}`);
    this.framesUrl.searchParams.delete("ack");
    this.readyState = 0;
    this.queue = [];
    this.pending = 0;
    this.posting = false;
    this.abort = new AbortController();
    void this.read();
  }

  get bufferedAmount() {
    return this.pending;
  }

  async read() {
    try {
      const res = await fetch(this.streamUrl, { headers: { accept: "text/event-stream" }, signal: this.abort.signal });
      if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
      const reader = res.body.getReader();
      const text = new TextDecoder();
      let buffer = "";
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        buffer += text.decode(r.value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.event(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
      this.finish(1006);
    } catch (err) {
      if (this.readyState !== 3) this.emit("error", err);
      this.finish(1006);
    }
  }

  event(block) {
    let name = "message";
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) name = line.slice(7);
      else if (line.startsWith("data: ")) data = line.slice(6);
    }
    if (!data) return;
    if (name === "session") {
      this.framesUrl.searchParams.set("session", JSON.parse(data).id);
      this.readyState = 1;
      this.emit("open");
    } else if (name === "close") {
      this.finish(JSON.parse(data).code);
    } else if (this.readyState === 1) {
      this.emit("message", Buffer.from(data, "base64"));
    }
  }

  send(frame) {
    if (this.readyState !== 1) return;
    this.queue.push(frame);
    this.pending += frame.byteLength;
    if (!this.posting && !this.timer) this.timer = setTimeout(() => void this.flush(), BATCH_MS);
  }

  async flush() {
    this.timer = null;
    if (this.queue.length === 0 || this.readyState !== 1) return;
    this.posting = true;
    const batch = this.queue;
    this.queue = [];
    const encoder = encoding.createEncoder();
    for (const f of batch) encoding.writeVarUint8Array(encoder, f);
    const body = encoding.toUint8Array(encoder);
    try {
      const res = await fetch(this.framesUrl, { method: "POST", headers: { "content-type": "application/octet-stream" }, body });
      this.pending -= batch.reduce((n, f) => n + f.byteLength, 0);
      if (res.status === 200) {
        const decoder = decoding.createDecoder(new Uint8Array(await res.arrayBuffer()));
        while (decoding.hasContent(decoder)) this.emit("message", Buffer.from(decoding.readVarUint8Array(decoder)));
      } else if (res.status !== 204) {
        return this.finish(1006);
      }
    } catch {
      return this.finish(1006);
    } finally {
      this.posting = false;
    }
    if (this.queue.length > 0) return this.flush();
  }

  finish(code) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.abort.abort();
    clearTimeout(this.timer);
    this.emit("close", code);
  }

  terminate() {
    this.finish(1005);
  }
}
