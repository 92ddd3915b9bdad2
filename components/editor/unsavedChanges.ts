// Which of this browser's changes the server has acknowledged as stored (lib/collab/durableAck.ts).
// Every local change is one entry, tagged with the write frame that carried it on the current
// socket; an acknowledgement through frame n settles every entry sent in frames 1..n. Entries sent on
// an earlier socket, or never sent (offline), are re-tagged by a barrier: an empty update sent once
// the provider and IndexedDB are both synced, when everything of ours is already in the server's
// copy, so its acknowledgement means all of it is stored. Changes from earlier visits (still in
// IndexedDB, counted in localStorage) settle the same way.
"use client";
import { barrierFrame, frameKind } from "@/lib/collab/durableAck";
import { readUnsaved, writeUnsaved } from "@/lib/collab/unsavedRecord";

/** Socket generation and write frame that carried a change; frame 0: not sent on a live socket yet. */
type Carried = { socket: number; frame: number };

export class UnsavedChanges {
  private readonly entries: Carried[] = [];
  /** Changes of earlier visits (localStorage), settled by a barrier acknowledgement. */
  private earlier: Carried | null;
  private readonly earlierCount: number;
  private socket: object | null = null;
  private generation = 0;
  private frames = 0;
  /** Set by the socket when it sends an update frame, taken by the next local change. */
  private justSent = 0;
  private readonly listeners = new Set<(count: number) => void>();

  constructor(private readonly documentId: string) {
    this.earlierCount = readUnsaved(documentId);
    this.earlier = this.earlierCount > 0 ? { socket: 0, frame: 0 } : null;
  }

  get count(): number {
    return this.entries.length + (this.earlier ? this.earlierCount : 0);
  }

  /** True when something is not tagged with a frame of the current socket: a barrier would settle it. */
  get needsBarrier(): boolean {
    if (this.earlier && this.earlier.socket !== this.generation) return true;
    return this.entries.some((e) => e.socket !== this.generation || e.frame === 0);
  }

  subscribe(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new socket is being opened: frames count from 1 again. */
  socketOpened(socket: object): void {
    this.socket = socket;
    this.generation++;
    this.frames = 0;
    this.justSent = 0;
  }

  /** The socket sends `frame` (called from its `send`). */
  sending(socket: object, frame: Uint8Array): void {
    if (socket !== this.socket || frameKind(frame) !== "write") return;
    const number = ++this.frames;
    if (isBarrier(frame)) {
      for (const entry of this.entries) {
        entry.socket = this.generation;
        entry.frame = number;
      }
      if (this.earlier) this.earlier = { socket: this.generation, frame: number };
    } else {
      this.justSent = number;
    }
  }

  /** A change made here (not one received from the server or read back from IndexedDB). */
  localChange(): void {
    this.entries.push({ socket: this.justSent ? this.generation : 0, frame: this.justSent });
    this.justSent = 0;
    this.changed();
  }

  /** A change that is not ours (read back from IndexedDB): a frame the socket just sent was not a local change's. */
  otherChange(): void {
    this.justSent = 0;
  }

  /** The server: the first `throughFrame` write frames of `socket` are stored. */
  acknowledged(socket: object, throughFrame: number): void {
    if (socket !== this.socket) return;
    const g = this.generation;
    let kept = 0;
    for (const entry of this.entries) {
      if (entry.socket === g && entry.frame > 0 && entry.frame <= throughFrame) continue;
      this.entries[kept++] = entry;
    }
    const before = this.count;
    this.entries.length = kept;
    if (this.earlier && this.earlier.socket === g && this.earlier.frame > 0 && this.earlier.frame <= throughFrame) this.earlier = null;
    if (this.count !== before) this.changed();
  }

  /** The frame to send once synced, when something needs settling (null otherwise). */
  barrier(): Uint8Array | null {
    return this.needsBarrier ? barrierFrame() : null;
  }

  /** The local copy was thrown away (access ended): nothing is kept on this device any more. */
  discard(): void {
    this.entries.length = 0;
    this.earlier = null;
    this.changed();
  }

  private changed(): void {
    const count = this.count;
    writeUnsaved(this.documentId, count);
    for (const listener of this.listeners) listener(count);
  }
}

function isBarrier(frame: Uint8Array): boolean {
  const b = barrierFrame();
  return frame.byteLength === b.byteLength && frame.every((byte, i) => byte === b[i]);
}
