// The collab channel for clients whose WebSocket cannot open (a proxy that refuses upgrades): the same
// y-protocols frames, down an SSE stream (GET /api/collab/<id>/stream) and up as POSTs
// (POST /api/collab/<id>/frames?session=<id>). Admission and serving are the WebSocket's own
// (admission.ts, servePeer.ts); the room sees one more kind of peer (HttpPeer.ts), nothing else.
// Sessions live on one instance: a POST for a session this instance does not know gets 409
// `session_unknown`, and the client reopens its stream (in the hosted mode, perhaps elsewhere).
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { BUSY_PARAM, BUSY_PARAM_VALUE, busyClose, CloseEvents } from "../../lib/collab/closeCodes";
import { CLOSE_EVENT, decodeFrames, encodeFrames, parseEventId } from "../../lib/collab/httpFrames";
import { DocumentId } from "../../lib/contracts/ids";
import { ApiError } from "../http/errors";
import { BUSY_MESSAGE, type Slot } from "../ops/capacity";
import { mediaType, readRawBody } from "../http/rawBody";
import type { Router } from "../http/router";
import { SSE_HEADERS } from "../events/sseConnection";
import type { Services } from "../services";
import { admit, credentialOf } from "./admission";
import { HttpPeer } from "./HttpPeer";
import type { RoomManager } from "./RoomManager";
import { closeAs, pinReadOnly, servePeer, type ServedPeer } from "./servePeer";

/** How long a session outlives its stream: EventSource comes back after ~1-3 s. */
export const SESSION_GRACE_MS = 15_000;
export const STREAM_HEARTBEAT_MS = 20_000;

const Params = z.object({ id: DocumentId });
const FramesQuery = z.object({ session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "session must be the id from the stream's session event") });

type Session = { peer: HttpPeer; served: ServedPeer };

export type HttpTransport = { shutDown(): void; sessionCount(): number };

/** One line of SSE that ends a stream before any session exists, as a close code the client understands. */
function endWith(res: ServerResponse, { code, reason }: { code: number; reason: string }): void {
  if (!res.headersSent) res.writeHead(200, SSE_HEADERS);
  res.end(`event: ${CLOSE_EVENT}\ndata: ${JSON.stringify({ code, reason })}\n\n`);
}

export function registerHttpTransport(router: Router, services: Services, manager: RoomManager, options: { maxFrameBytes: number }): HttpTransport {
  const sessions = new Map<string, Session>();
  let shuttingDown = false;
  const beat = setInterval(() => {
    for (const { peer } of sessions.values()) peer.heartbeat();
  }, STREAM_HEARTBEAT_MS);
  beat.unref();

  router.on("GET", "/api/collab/:id/stream", async ({ req, res, params, url }) => {
    const { id: documentId } = parseParams(params);
    if (shuttingDown) return endWith(res, CloseEvents.GoingAway);
    // At capacity: refused before authentication. A new session keeps the slot until it ends.
    const capacity = services.capacity.admit("collabStreams");
    if (capacity.kind === "busy") {
      // Our client asks (`?busy=close`) for a close event it can read; anyone else gets 503 + Retry-After.
      if (url.searchParams.get(BUSY_PARAM) === BUSY_PARAM_VALUE) return endWith(res, busyClose(capacity.retryAfterSeconds));
      throw new ApiError("unavailable", BUSY_MESSAGE, undefined, capacity.retryAfterSeconds);
    }
    const kept = { slot: false };
    try {
      return await openStream(req, res, url, documentId, capacity.slot, kept);
    } finally {
      if (!kept.slot) capacity.slot.release();
    }
  });

  async function openStream(req: IncomingMessage, res: ServerResponse, url: URL, documentId: string, slot: Slot, kept: { slot: boolean }): Promise<void> {
    const admission = await admit(services, manager, req, url, documentId);
    if (admission.kind === "refused") {
      throw admission.status === 429
        ? new ApiError("rate_limited", "Too many links that do not work were tried from your network. Wait a minute and try again.")
        : new ApiError("forbidden", "Requests from other sites are not allowed.");
    }
    if (req.destroyed) return;
    if (admission.kind === "closed") return endWith(res, admission.close);
    res.socket?.setNoDelay(true);
    res.socket?.setTimeout(0);
    // EventSource came back after a drop: resume the session it names, if it is ours and whole.
    const last = parseEventId((req.headers["last-event-id"] as string | undefined) ?? null);
    const previous = last ? sessions.get(last.session) : undefined;
    if (last && previous) {
      const same = previous.peer.credentialId === admission.credential.credentialId && previous.peer.documentId === documentId;
      res.writeHead(200, SSE_HEADERS);
      if (same && previous.peer.resume(res, last.seq)) return void res.on("close", () => previous.peer.detach(res));
      // Too old (or not the same caller's): the client starts over with a fresh connection and a full sync.
      return endWith(res, CloseEvents.TryAgainLater);
    }
    if (last) return endWith(res, CloseEvents.TryAgainLater); // a session this instance does not know
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    const sessionId = randomBytes(18).toString("base64url");
    const peer = new HttpPeer(
      sessionId,
      admission.userId,
      admission.userName,
      admission.canWrite,
      admission.wantsAcks,
      admission.credential.credentialId,
      documentId,
      res,
      {
        graceMs: SESSION_GRACE_MS,
        onEnded: () => {
          sessions.delete(sessionId);
          slot.release();
          served.ended();
        },
      },
    );
    if (admission.readOnlyToken) pinReadOnly(peer);
    const served = servePeer(services, manager, peer, admission);
    kept.slot = true; // released by onEnded, however the session ends
    if (peer.isClosed) return; // closed while joining began (the authority ended it at once)
    sessions.set(sessionId, { peer, served });
    res.on("close", () => peer.detach(res));
  }

  router.on("POST", "/api/collab/:id/frames", async ({ req, res, params, url }) => {
    const { id: documentId } = parseParams(params);
    const query = FramesQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw new ApiError("invalid_input", query.error.issues[0]?.message ?? "Bad query.", "session");
    if (mediaType(req.headers["content-type"]) !== "application/octet-stream") {
      throw new ApiError("unsupported_media_type", "Send the frames as application/octet-stream.");
    }
    const session = sessions.get(query.data.session);
    if (!session || session.peer.isClosed) {
      // Drain nothing: the client reopens its stream and sends again.
      return { status: 409, body: { error: { code: "session_unknown", message: "This connection is not known here any more. Reconnect and send again." } } };
    }
    const credential = await credentialOf(services, req, url, documentId);
    if (credential === null || credential !== session.peer.credentialId || session.peer.documentId !== documentId) {
      throw new ApiError("forbidden", "This connection belongs to another sign-in. Reconnect and send again.");
    }
    // The same limit as a WebSocket frame (plus its length prefix): a bigger body is never read whole.
    const body = await readRawBody(req, options.maxFrameBytes + 8, "Too large: send at most one megabyte of frames per request.");
    let frames: Uint8Array[];
    try {
      frames = decodeFrames(body);
    } catch (err) {
      throw new ApiError("invalid_input", (err as Error).message);
    }
    if (frames.length === 0) throw new ApiError("invalid_input", "The body holds no frames.");
    const { peer, served } = session;
    // Over its frame budget: the sender waits, as a WebSocket that is not read.
    const wait = peer.pausedUntil - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const replies = peer.collectReplies(() => {
      for (const frame of frames) served.receive(frame);
    });
    if (replies.length === 0) return { status: 204 };
    const payload = encodeFrames(replies);
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Cache-Control": "no-store", "Content-Length": payload.byteLength });
    res.end(payload);
  });

  return {
    shutDown() {
      shuttingDown = true;
      clearInterval(beat);
      // The room manager closes the peers (1001); a session left without a room ends here.
      for (const { peer } of [...sessions.values()]) closeAs(peer, CloseEvents.GoingAway);
    },
    sessionCount: () => sessions.size,
  };
}

function parseParams(params: Record<string, string>): z.infer<typeof Params> {
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw new ApiError("not_found", "No such document.");
  return parsed.data;
}
