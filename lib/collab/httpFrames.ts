// The HTTP transport's wire format, shared by the server (server/collab/httpTransport.ts) and the
// browser (lib/collab/httpSocket.ts). Down: an SSE stream whose first event is `session`, then one
// `data:` line per y-protocols frame (base64), each with id `<session>.<seq>` so a reconnect resumes;
// `close` names the WebSocket close code the stream ended with. Up: POST bodies of frames, each
// prefixed by its length as a lib0 varuint (`encoding.writeVarUint8Array`); replies come back alike.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const HTTP_COLLAB_PREFIX = "/api/collab/";
export const streamPath = (documentId: string) => `${HTTP_COLLAB_PREFIX}${encodeURIComponent(documentId)}/stream`;
export const framesPath = (documentId: string) => `${HTTP_COLLAB_PREFIX}${encodeURIComponent(documentId)}/frames`;

/** SSE event names besides the default `message` (one frame each). */
export const SESSION_EVENT = "session";
export const CLOSE_EVENT = "close";

/** What `close` carries: the code and reason a WebSocket would have closed with. */
export type StreamClose = { code: number; reason: string };

/** One or more frames as one body. */
export function encodeFrames(frames: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const frame of frames) encoding.writeVarUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

/** The frames of a body; throws (with a message for the 400) on anything that is not whole frames. */
export function decodeFrames(body: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(body);
  const frames: Uint8Array[] = [];
  while (decoding.hasContent(decoder)) {
    const start = decoder.pos;
    let frame: Uint8Array;
    try {
      frame = decoding.readVarUint8Array(decoder);
    } catch {
      throw new Error(`The body is not length-prefixed frames: the frame at byte ${start} is cut off or its length does not decode.`);
    }
    // lib0 reads past the end as a shorter array rather than throwing: check the frame is whole.
    if (decoder.pos > body.byteLength) throw new Error(`The frame at byte ${start} is longer than the body.`);
    if (frame.byteLength === 0) throw new Error(`The frame at byte ${start} is empty.`);
    frames.push(frame);
  }
  return frames;
}

/** Event ids: `<session>.<seq>`. null when the id is not one of ours. */
export function parseEventId(raw: string | null | undefined): { session: string; seq: number } | null {
  if (!raw) return null;
  const m = /^([A-Za-z0-9_-]{8,64})\.(\d{1,15})$/.exec(raw);
  return m ? { session: m[1], seq: Number(m[2]) } : null;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
