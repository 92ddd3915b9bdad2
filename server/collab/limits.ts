// Named limits and timings of the collab server. Tests override the timings through CollabOptions.

/** Largest WebSocket frame accepted; larger frames close that socket with 1009 (ws `maxPayload`). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A document whose stored state would grow past this refuses further updates (1009). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** A peer whose unsent data grows past this is disconnected (it reconnects and resyncs). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Frames a connection may send while its room is still loading, before it is cut off. */
export const MAX_FRAMES_BEFORE_READY = 256;

/** How long a room stays in memory after its last peer left (a reload reconnects within it). */
export const ROOM_UNLOAD_DELAY_MS = 10_000;
/** Group commit window: accepted updates are written together at most this long after arriving. */
export const GROUP_COMMIT_MS = 10;
/** A batch is written at once when this many updates are waiting. */
export const MAX_BATCH_UPDATES = 256;
/**
 * Updates waiting for the disk at which the collab channel stops reading frames until half of them
 * are written (backpressure; a healthy disk keeps the backlog near one batch).
 */
export const BACKLOG_HIGH_WATER = 50_000;
/** The log is folded into the snapshot after this many updates... */
export const COMPACT_AFTER_UPDATES = 2_000;
/**
 * ...but a document being edited is compacted at most this often (unless its log reaches ten times
 * the threshold): compaction encodes the whole document on the event loop (10-25 ms at 1 MB), and a
 * fast typist would otherwise cause one every few seconds. The debounced store of Hocuspocus saves a
 * busy document about as often.
 */
export const COMPACT_MIN_INTERVAL_MS = 10_000;
/** `Document.updatedAt` is bumped at most this often while edits flow. */
export const TOUCH_INTERVAL_MS = 5_000;
/** Documents due a bump are gathered this long and bumped in one query (one per second, not per document). */
export const TOUCH_BATCH_MS = 1_000;
/** Server-side ping; a peer that misses one pong is dropped. */
export const HEARTBEAT_INTERVAL_MS = 30_000;

export type CollabOptions = {
  unloadDelayMs: number;
  groupCommitMs: number;
  maxBatchUpdates: number;
  backlogHighWater: number;
  compactAfterUpdates: number;
  compactMinIntervalMs: number;
  touchIntervalMs: number;
  maxFrameBytes: number;
  maxDocumentBytes: number;
  heartbeatIntervalMs: number;
};

export const defaultCollabOptions: CollabOptions = {
  unloadDelayMs: ROOM_UNLOAD_DELAY_MS,
  groupCommitMs: GROUP_COMMIT_MS,
  maxBatchUpdates: MAX_BATCH_UPDATES,
  backlogHighWater: BACKLOG_HIGH_WATER,
  compactAfterUpdates: COMPACT_AFTER_UPDATES,
  compactMinIntervalMs: COMPACT_MIN_INTERVAL_MS,
  touchIntervalMs: TOUCH_INTERVAL_MS,
  maxFrameBytes: MAX_FRAME_BYTES,
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
};
