// Backpressure from the disk to the network: while the update log is far behind (DocumentStore's
// onCongestion), no collab socket is read. Frames then wait in the kernel's buffers and the senders'
// own, instead of in this process's memory, and reading resumes once the backlog has halved.
// Pongs are not read either: a pause longer than the heartbeat interval drops the peers, which
// reconnect and resync (a disk that far behind is an outage of its own).
import type { WebSocket } from "ws";

export class ReadFlow {
  private paused = false;

  /** `sockets`: the open collab sockets (the WebSocketServer's own `clients` set). */
  constructor(private readonly sockets: () => Iterable<WebSocket>) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** A newly accepted socket: paused at once when reading is paused. */
  accepted(ws: WebSocket): void {
    if (this.paused) ws.pause();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    for (const ws of this.sockets()) {
      if (paused) ws.pause();
      else ws.resume();
    }
  }
}
