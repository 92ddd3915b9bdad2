// Named limits and timings of the collab server. Tests override the timings through CollabOptions.

/** Largest WebSocket frame accepted; larger frames close that socket with 1009 (ws `maxPayload`). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A document whose stored state would grow past this refuses further updates (1009). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** A peer whose unsent data grows past this is disconnected (it reconnects and resyncs). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Frames a connection may send while its room is still loading, before it is cut off (1013). */
export const MAX_FRAMES_BEFORE_READY = 256;
/**
 * ...and bytes: 256 frames of up to 1 MiB would otherwise let one socket park 256 MiB. A real client
 * sends sync step 1 and an awareness update (a few KB) before the room is ready.
 */
export const MAX_BYTES_BEFORE_READY = 2 * 1024 * 1024;

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

/**
 * Frames a connection may send: a burst, then a sustained rate. Typing makes 10-30 frames a second;
 * past the budget the connection is not read until the budget refills (the sender is slowed, TCP
 * holds its frames), so one flooding client cannot raise everyone else's latency.
 */
export const PEER_FRAME_BURST = 1_000;
export const PEER_FRAMES_PER_SECOND = 300;

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
  /** Each connection's frame budget (its account's is twice this): COLLAB_FRAME_BURST, COLLAB_FRAMES_PER_SECOND. */
  frameBurst: number;
  framesPerSecond: number;
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
  frameBurst: PEER_FRAME_BURST,
  framesPerSecond: PEER_FRAMES_PER_SECOND,
};

/** Largest awareness update (cursors, names) one frame may carry; a caret with a name is ~200 bytes. */
export const MAX_AWARENESS_BYTES = 64 * 1024;
/**
 * Awareness client ids one connection may announce over its life (a tab has one; the same account's
 * other tabs are echoed back by y-websocket clients). y-protocols keeps an entry for every id it ever
 * saw, so unbounded ids were unbounded memory.
 */
export const MAX_AWARENESS_CLIENTS_PER_PEER = 16;
/** Awareness ids a room keeps at most (states and their bookkeeping together). */
export const MAX_AWARENESS_CLIENTS_PER_ROOM = 5_000;

/** Bytes a connection may send: a burst (a big paste), then a sustained rate. */
export const PEER_BYTE_BURST = 8 * 1024 * 1024;
export const PEER_BYTES_PER_SECOND = 1024 * 1024;
/** All of one account's collab connections on this instance together (more tabs do not buy more). */
export const ACCOUNT_FRAMES_FACTOR = 2;
export const ACCOUNT_BYTE_BURST = 2 * PEER_BYTE_BURST;
export const ACCOUNT_BYTES_PER_SECOND = 2 * PEER_BYTES_PER_SECOND;
/** An account whose update broke a room (it was reloaded for everyone) may not reopen it for this long. */
export const BAR_AFTER_CORRUPTION_MS = 10 * 60_000;
/**
 * Stored structs waiting for dependencies that a loaded document may keep in memory (counted in its
 * size): in the hosted mode another instance's row may not be committed yet. More is set aside.
 */
export const MAX_PENDING_BYTES = 1024 * 1024;
