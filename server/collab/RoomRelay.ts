// Carries a document's updates and awareness between instances through Redis pub/sub, one channel per
// open document. Each update is stored by the instance that accepted it; the others only show it.
// When a room opens, and whenever the Redis connection comes back, instances exchange state vectors
// (y-protocols' sync idea) so that what was missed while Redis was away converges too.
// Failures never stop the room (Redis is a way to show edits sooner, not where they are kept): they are
// counted (`stats`, on /metrics) and logged, at most once per kind per interval.
import crypto from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import { ThrottledLog } from "../ops/throttledLog";
import type { Room } from "./Room";

export interface RoomRelay {
  open(documentId: string, room: Room): void;
  close(documentId: string): void;
  publishUpdate(documentId: string, update: Uint8Array): void;
  publishAwareness(documentId: string, update: Uint8Array): void;
  stop(): Promise<void>;
}

enum Kind {
  Update = 0,
  Awareness = 1,
  /** "Here is my state vector: send me what I miss." */
  SyncRequest = 2,
  /** Answer to one instance: the diff it misses, and our state vector so it can send us its diff. */
  SyncResponse = 3,
}

const ID_BYTES = 16;

export type RelayStats = {
  /** Messages from other instances that could not be applied (malformed, or an unknown kind). */
  rejected: number;
  /** Publishes Redis refused: those edits reach other instances at the next state exchange. */
  publishErrors: number;
  /** Subscribes and unsubscribes Redis refused. */
  subscriptionErrors: number;
};

export class RedisRoomRelay implements RoomRelay {
  private readonly instanceId = crypto.randomBytes(ID_BYTES);
  private readonly rooms = new Map<string, Room>();
  private readonly onMessage = (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message);
  /** The subscriber was connected before we started, so every "ready" is a reconnect after an outage:
   *  whatever was published meanwhile is lost, so exchange states. */
  private readonly onReady = () => {
    for (const documentId of this.rooms.keys()) this.requestSync(documentId);
  };
  readonly stats: RelayStats = { rejected: 0, publishErrors: 0, subscriptionErrors: 0 };
  private readonly problems: ThrottledLog;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    log: Logger,
  ) {
    this.problems = new ThrottledLog(log);
    sub.on("messageBuffer", this.onMessage);
    sub.on("ready", this.onReady);
  }

  private channel(documentId: string): string {
    return `${this.prefix}collab:${documentId}`;
  }

  open(documentId: string, room: Room): void {
    this.rooms.set(documentId, room);
    // Subscribe first, then ask: answers can only arrive once we listen.
    void this.sub
      .subscribe(this.channel(documentId))
      .then(() => this.requestSync(documentId))
      .catch((error) => this.subscriptionFailed(error, documentId)); // Redis down: the "ready" resync covers it
  }

  close(documentId: string): void {
    this.rooms.delete(documentId);
    void this.sub.unsubscribe(this.channel(documentId)).catch((error) => this.subscriptionFailed(error, documentId));
  }

  publishUpdate(documentId: string, update: Uint8Array): void {
    this.send(documentId, Kind.Update, update);
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    this.send(documentId, Kind.Awareness, update);
  }

  async stop(): Promise<void> {
    this.sub.off("messageBuffer", this.onMessage);
    this.sub.off("ready", this.onReady);
    const channels = [...this.rooms.keys()].map((d) => this.channel(d));
    this.rooms.clear();
    if (channels.length > 0) await this.sub.unsubscribe(...channels).catch((error) => this.subscriptionFailed(error));
  }

  private subscriptionFailed(error: unknown, documentId?: string): void {
    this.stats.subscriptionErrors++;
    this.problems.warn("subscription", { err: error, documentId }, "collab relay: Redis refused a subscription change");
  }

  private rejectedMessage(fields: Record<string, unknown>): void {
    this.stats.rejected++;
    this.problems.warn("rejected", fields, "collab relay: a message from another instance was not applied");
  }

  private requestSync(documentId: string): void {
    const room = this.rooms.get(documentId);
    if (room) this.send(documentId, Kind.SyncRequest, room.stateVector());
  }

  /** Frame: [sender id (16)] [kind (1)] [payload]. SyncResponse payload: [target id (16)] [sv length (4)] [sv] [diff]. */
  private send(documentId: string, kind: Kind, payload: Uint8Array, target?: Buffer, stateVector?: Uint8Array): void {
    const head = Buffer.allocUnsafe(ID_BYTES + 1);
    this.instanceId.copy(head, 0);
    head[ID_BYTES] = kind;
    const parts: Uint8Array[] = [head];
    if (target && stateVector) {
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32BE(stateVector.byteLength);
      parts.push(target, len, stateVector);
    }
    parts.push(payload);
    void this.pub.publish(this.channel(documentId), Buffer.concat(parts)).catch((error) => {
      this.stats.publishErrors++;
      this.problems.warn("publish", { err: error, documentId }, "collab relay: Redis refused a publish; other instances catch up at the next state exchange");
    });
  }

  private receive(channel: string, message: Buffer): void {
    if (!channel.startsWith(`${this.prefix}collab:`) || message.length < ID_BYTES + 1) return;
    if (message.subarray(0, ID_BYTES).equals(this.instanceId)) return; // our own echo
    const room = this.rooms.get(channel.slice(`${this.prefix}collab:`.length));
    if (!room || room.destroyed) return;
    const sender = message.subarray(0, ID_BYTES);
    const kind = message[ID_BYTES] as Kind;
    const body = message.subarray(ID_BYTES + 1);
    try {
      switch (kind) {
        case Kind.Update:
          return room.applyRemoteUpdate(body);
        case Kind.Awareness:
          return room.applyRemoteAwareness(body);
        case Kind.SyncRequest:
          return this.send(room.documentId, Kind.SyncResponse, room.diffSince(body), Buffer.from(sender), room.stateVector());
        case Kind.SyncResponse: {
          if (!body.subarray(0, ID_BYTES).equals(this.instanceId)) return; // an answer to someone else
          const svLength = body.readUInt32BE(ID_BYTES);
          const theirVector = body.subarray(ID_BYTES + 4, ID_BYTES + 4 + svLength);
          room.applyRemoteUpdate(body.subarray(ID_BYTES + 4 + svLength));
          // Send what they miss from us as an ordinary update (idempotent for everyone else).
          const ours = room.diffSince(theirVector);
          if (ours.byteLength > 2) this.publishUpdate(room.documentId, ours);
          return;
        }
        default:
          return this.rejectedMessage({ documentId: room.documentId, kind, reason: "unknown kind" });
      }
    } catch (error) {
      this.rejectedMessage({ documentId: room.documentId, kind, err: error });
    }
  }
}
