// What a Room sees of a connection: no sockets, so rooms run the same over `ws`, in tests with
// fake peers, and for server code that edits a document directly.

export interface Peer {
  readonly userId: string;
  /** The account's display name: what other people see next to this peer's caret. */
  readonly userName: string;
  /** False for viewers: their document updates are dropped (awareness still flows). Changes live. */
  canWrite: boolean;
  /** Asked for durable acknowledgements (`?ack=1`): told how many of its write frames are stored. */
  readonly wantsAcks?: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Stop reading this connection's frames for `ms` (it sent more than its budget). Optional: fakes need not. */
  pauseReading?(ms: number): void;
}
