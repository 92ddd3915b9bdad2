// y-websocket message framing: a lib0 varUint message type, then the y-protocols payload.
// The payload encodings themselves come from y-protocols (sync, awareness); only the outer type is ours.
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";

/**
 * The finished frame as a Buffer view (no copy): \`ws\` sends a Buffer as is, but wraps any other
 * Uint8Array in a new Buffer on every send, which for a broadcast meant one allocation per peer.
 */
function frame(encoder: encoding.Encoder): Uint8Array {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

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
