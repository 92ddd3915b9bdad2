// y-websocket message framing: a lib0 varUint message type, then the y-protocols payload.
// The payload encodings themselves come from y-protocols (sync, awareness); only the outer type is ours.
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { DURABLE_ACK_MESSAGE, encodeDurableAck } from "../../lib/collab/durableAck";

/**
 * The finished frame as a Buffer view (no copy): \`ws\` sends a Buffer as is, but wraps any other
 * Uint8Array in a new Buffer on every send, which for a broadcast meant one allocation per peer.
 */
function frame(encoder: encoding.Encoder): Uint8Array {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * 0–3 are y-websocket's. DurableAck (10) is ours, sent only to connections that asked (`?ack=1`): how
 * many of the connection's write frames are committed to the database (lib/collab/durableAck.ts).
 */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, DurableAck: DURABLE_ACK_MESSAGE } as const;

export function syncStep1Message(doc: Parameters<typeof syncProtocol.writeSyncStep1>[1]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return frame(encoder);
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return frame(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return frame(encoder);
}

/** "Your first `throughFrame` write frames on this connection are stored." */
export function durableAckMessage(throughFrame: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encodeDurableAck(encoder, throughFrame);
  return frame(encoder);
}
