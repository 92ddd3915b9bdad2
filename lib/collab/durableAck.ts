// The durable acknowledgement: an opt-in message of the collab socket (`?ack=1` on /collab/<id>),
// shared by the server (server/collab/messages.ts, durableAcks.ts) and the browser (components/editor).
// Stock y-websocket clients log "Unable to compute message" for a type they do not know, so only a
// connection that asked for it ever receives one.
//
// What it counts: the WRITE FRAMES the connection sent, i.e. y-websocket sync messages of subtype
// step 2 or update, in the order sent, starting at 1 for each new socket. "Acknowledged through n"
// means the first n write frames of this connection, and everything the server had appended before
// the n-th was handled, are committed to the database. A per-connection count rather than the
// client's clock in the state vector: a deletion does not advance a Yjs clock, so a clock could never
// say that a deletion is safe, while a frame count covers every kind of change. A frame that changes
// nothing (an empty update) works as a barrier: its acknowledgement says that everything the server
// holds of this client is stored (used after a reconnect, when the server already had our changes).
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** The message type, above y-websocket's 0–3 (sync, awareness, auth, query awareness) and Hocuspocus' 4–8. */
export const DURABLE_ACK_MESSAGE = 10;

/** The y-protocols sync subtypes that carry document changes (y-protocols/sync: messageYjsSyncStep2, messageYjsUpdate). */
const SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The query parameter a client adds to the collab URL to receive acknowledgements. */
export const ACK_PARAM = "ack";

export function encodeDurableAck(encoder: encoding.Encoder, throughFrame: number): void {
  encoding.writeVarUint(encoder, DURABLE_ACK_MESSAGE);
  encoding.writeVarUint(encoder, throughFrame);
}

/** The payload after the message type: how many of this connection's write frames are durable. */
export function readDurableAck(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

/** What kind of frame a client is sending: a write frame is counted, anything else is not. */
export function frameKind(frame: Uint8Array): "write" | "other" {
  // Both numbers are below 128, so each is one byte of lib0's varuint.
  if (frame.byteLength < 2 || frame[0] !== SYNC) return "other";
  return frame[1] === SYNC_STEP_2 || frame[1] === SYNC_UPDATE ? "write" : "other";
}

/** A sync update frame carrying an empty Yjs update: changes nothing, and its acknowledgement is a barrier. */
export function barrierFrame(): Uint8Array {
  return new Uint8Array([SYNC, SYNC_UPDATE, 2, 0, 0]);
}

/** True when a step-2 frame is being sent (it carries every change the server lacked). */
export function isSyncStep2(frame: Uint8Array): boolean {
  return frame.byteLength >= 2 && frame[0] === SYNC && frame[1] === SYNC_STEP_2;
}
