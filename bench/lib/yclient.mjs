// A headless Yjs client speaking the y-websocket protocol over `ws`, with the Hocuspocus framing
// (document name before every message, Auth first, SyncStatus acks) as an option.
// Encodings come from y-protocols and lib0; this file only frames and routes them.
import WebSocket from "ws";
import { HttpTransportSocket } from "./httpTransport.mjs";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const SYNC_REPLY = 4; // Hocuspocus answers a client's step 1 with this type
const SYNC_STATUS = 8; // Hocuspocus acknowledgement of an applied update
const DURABLE_ACK = 10; // Tandem's durable acknowledgement (`?ack=1`, lib/collab/durableAck.ts)
const REMOTE = Symbol("remote");

/**
 * endpoint: { url, docName, framing: "y-websocket" | "hocuspocus", token? }
 * Emits nothing; callers read `doc`, `synced` (a promise) and the counters.
 */
export class YClient {
  constructor(endpoint, { doc = new Y.Doc(), onRemoteUpdate } = {}) {
    this.endpoint = endpoint;
    this.doc = doc;
    this.hocuspocus = endpoint.framing === "hocuspocus";
    this.bytesIn = 0;
    this.acks = 0;
    /** Write frames sent on this socket (sync step 2 and updates) and how many Tandem acknowledged as stored. */
    this.writeFrames = 0;
    this.durableFrames = 0;
    this.onRemoteUpdate = onRemoteUpdate;
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.doc.on("update", (update, origin) => {
      if (origin !== REMOTE && this.send(SYNC, (e) => syncProtocol.writeUpdate(e, update))) this.writeFrames++;
    });
  }

  connect() {
    // endpoint.transport "http": Tandem's SSE + POST transport (the compatibility mode), else a WebSocket.
    const ws = this.endpoint.transport === "http" ? new HttpTransportSocket(this.endpoint.url) : new WebSocket(this.endpoint.url, { perMessageDeflate: false });
    ws.binaryType = "nodebuffer";
    this.ws = ws;
    ws.on("open", () => {
      if (this.hocuspocus) {
        // Auth first: Hocuspocus queues everything else for a document until this is handled.
        this.send(AUTH, (e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, this.endpoint.token ?? "bench");
        });
      }
      this.send(SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc));
    });
    ws.on("message", (data) => this.receive(data));
    ws.on("error", (err) => this.rejectSynced(err));
    ws.on("close", (code) => {
      this.rejectSynced(new Error(`closed before sync (code ${code})`));
      this.resolveClosed(code);
    });
    return this;
  }

  send(type, write) {
    if (this.ws?.readyState !== 1) return false; // OPEN, for either transport
    const encoder = encoding.createEncoder();
    if (this.hocuspocus) encoding.writeVarString(encoder, this.endpoint.docName);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
    return true;
  }

  receive(data) {
    this.bytesIn += data.length;
    const decoder = decoding.createDecoder(data);
    if (this.hocuspocus) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === SYNC || type === SYNC_REPLY) {
      const reply = encoding.createEncoder();
      if (this.hocuspocus) encoding.writeVarString(reply, this.endpoint.docName);
      encoding.writeVarUint(reply, SYNC);
      const before = encoding.length(reply);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
      if (encoding.length(reply) > before) {
        this.ws.send(encoding.toUint8Array(reply));
        if (kind === syncProtocol.messageYjsSyncStep1) this.writeFrames++; // the reply is our step 2
      }
      if (kind === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
      else if (kind === syncProtocol.messageYjsUpdate) this.onRemoteUpdate?.();
    } else if (type === DURABLE_ACK) {
      this.durableFrames = decoding.readVarUint(decoder);
    } else if (type === SYNC_STATUS) {
      this.acks++;
    } else if (type === AUTH && this.hocuspocus) {
      if (decoding.readVarUint(decoder) === 1) this.rejectSynced(new Error("permission denied"));
    }
    // AWARENESS and others: not part of these workloads.
    void AWARENESS;
  }

  /** Bytes queued in the socket but not yet handed to the kernel (for send-side back-pressure). */
  get buffered() {
    return this.ws?.bufferedAmount ?? 0;
  }

  close() {
    this.ws?.terminate();
  }
}

export const remoteOrigin = REMOTE;
