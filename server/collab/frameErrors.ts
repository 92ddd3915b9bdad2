// Whose fault a frame's failure is. The peer's (a frame that does not decode, or one the room
// refuses) closes it with a code it can read; the server's own is logged and closed with 1011, never
// passed off as "Malformed message".
import { CloseCode } from "../../lib/collab/closeCodes";

/** A frame the room refuses: the sending peer is closed with `code`, nobody else notices. */
export class RefusedFrame extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A failure of the room's own code called back from inside a `readFrame`: not the frame's fault. */
class OwnFailure extends Error {
  constructor(readonly error: unknown) {
    super("the room failed while reading a frame");
  }
}

/**
 * Reads the peer's bytes: whatever fails in `read` is the frame's fault (1007). Anything thrown
 * outside such a read is the server's own failure: logged, and the peer closed with 1011.
 */
export function readFrame<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof OwnFailure) throw error.error;
    throw new RefusedFrame(CloseCode.InvalidPayload, "Malformed message.");
  }
}

/** `callback` as passed into a `readFrame`: what it throws stays the room's failure. */
export function own<A extends unknown[], R>(callback: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return callback(...args);
    } catch (error) {
      throw new OwnFailure(error);
    }
  };
}
