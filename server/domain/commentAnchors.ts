// A comment's anchor is a pair of Yjs relative positions (base64). They are opaque to the server, but
// must at least be well-formed, so a client cannot store junk that breaks every other reader.
import * as Y from "yjs";

export function isRelativePosition(base64: string): boolean {
  try {
    const bytes = new Uint8Array(Buffer.from(base64, "base64"));
    const position = Y.decodeRelativePosition(bytes);
    // Decoding is lenient; a faithful round trip shows the bytes really were a relative position.
    return Buffer.from(Y.encodeRelativePosition(position)).equals(Buffer.from(bytes));
  } catch {
    return false;
  }
}
