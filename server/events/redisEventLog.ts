// The hosted mode's one event log: every announcement event of every instance is appended to one
// Redis Stream, and every instance reads that stream back (XREAD BLOCK on its own connection) and
// writes what it reads to its streams. So all instances see the same events in the same order with
// the same ids, and a browser that reconnects to another instance resumes where it left off.
//
// Why the stream is also the delivery path (not the bus): with delivery on the bus and ids from the
// stream, an instance could hear an event on the bus before or after it sees it in the stream, and
// its replay ring would need reordering; one path gives one order. The bus still carries everything
// else (and the triggers that make an instance append here).
import crypto from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Logger } from "../log";
import type { Delivery } from "./audience";
import type { SharedLog, PublishRequest } from "./hub";
import type { StreamEntry } from "./ring";
import { numericFromStreamId, streamIdFromNumeric } from "./eventIds";

/** Entries the stream keeps by default (MAXLEN ~); older ids get a `reset`. */
export const DEFAULT_EVENT_LOG_LENGTH = 2000;
/** How long a dedupe key is remembered: instances compute the same change within moments of each other. */
const DEDUPE_TTL_MS = 10 * 60_000;
const BLOCK_MS = 5000;
const READ_BATCH = 200;
const RETRY_MS = 1000;

// Appends with an explicit id `<redis ms>-<seq>`, seq < 1000, so the numeric SSE id ms*1000+seq orders
// exactly as the stream does. A dedupe key (the same change computed by several instances) is set in
// the same script, so only the first instance's append happens.
const APPEND_SCRIPT = `
if ARGV[3] ~= '0' then
  if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then return false end
end
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local seq = 0
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if last[1] then
  local lms, lseq = string.match(last[1][1], '^(%d+)-(%d+)$')
  lms = tonumber(lms)
  lseq = tonumber(lseq)
  if lms >= ms then
    ms = lms
    seq = lseq + 1
    if seq >= 1000 then ms = lms + 1; seq = 0 end
  end
end
local id = string.format('%d-%d', ms, seq)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'e', ARGV[2])
return id
`;

const viewer = z.enum(["anonymous", "user", "admin"]);
/** What is stored per entry: the published payload with its audience (sets as arrays). */
const storedEntry = z.object({
  event: z.string().min(1).max(100),
  data: z.unknown(),
  to: z.object({
    viewers: z.array(viewer),
    userId: z.string().optional(),
    path: z.object({ pattern: z.string(), negate: z.boolean().optional() }).optional(),
    users: z.array(z.string()).optional(),
    except: z.array(z.string()).optional(),
    tally: z.string().optional(),
  }),
});

function encode(request: PublishRequest): string {
  const { users, except, ...rest } = request.to;
  const to = { ...rest, ...(users ? { users: [...users] } : {}), ...(except ? { except: [...except] } : {}) };
  return JSON.stringify({ event: request.event, data: request.data, to });
}

/** An entry read back from Redis; anything malformed is skipped (never trusted, never fatal). */
export function decodeEntry(streamId: string, fields: string[]): StreamEntry | null {
  const id = numericFromStreamId(streamId);
  const raw = fields[0] === "e" ? fields[1] : undefined;
  if (id === null || raw === undefined) return null;
  let parsed: z.infer<typeof storedEntry>;
  try {
    parsed = storedEntry.parse(JSON.parse(raw));
  } catch {
    return null;
  }
  const { users, except, ...rest } = parsed.to;
  const to: Delivery = { ...rest, ...(users ? { users: new Set(users) } : {}), ...(except ? { except: new Set(except) } : {}) };
  return { id, event: parsed.event, data: parsed.data, to };
}

type RawEntry = [string, string[]];
type Waiter = { id: number; done: (reached: boolean) => void };

export class RedisEventLog implements SharedLog {
  private readonly key: string;
  private readonly reader: Redis;
  private cursor: string;
  private closed = false;
  private loop: Promise<void> = Promise.resolve();
  private waiters: Waiter[] = [];
  private deliver: (entry: StreamEntry) => void = () => undefined;

  private constructor(
    private readonly client: Redis,
    prefix: string,
    readonly maxLength: number,
    /** The newest id when this instance started: its ring starts here. */
    readonly startId: number,
    private readonly log: Logger,
  ) {
    this.key = `${prefix}events`;
    this.cursor = streamIdFromNumeric(startId);
    // XREAD BLOCK holds its connection; commands and the bus keep theirs.
    this.reader = client.duplicate();
    // Outages surface in the read loop (logged once, retried); without a listener ioredis would print each.
    this.reader.on("error", () => undefined);
  }

  /** Finds where the stream stands now; reading starts with `start`. */
  static async open(client: Redis, prefix: string, maxLength: number, log: Logger): Promise<RedisEventLog> {
    const last = (await client.xrevrange(`${prefix}events`, "+", "-", "COUNT", 1)) as RawEntry[];
    let startId = last[0] ? numericFromStreamId(last[0][0]) : null;
    if (startId === null) {
      // Empty stream: start from Redis' clock, so an id from before (another era) is never mistaken for one we know.
      const [seconds, micros] = await client.time();
      startId = (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)) * 1000;
    }
    return new RedisEventLog(client, prefix, maxLength, startId, log);
  }

  /** Starts reading: every entry after `startId`, in stream order, goes to `deliver`. */
  start(deliver: (entry: StreamEntry) => void): void {
    this.deliver = deliver;
    this.loop = this.read();
  }

  append(request: PublishRequest): void {
    const dedupeKey = request.dedupe ? `${this.key}:once:${crypto.createHash("sha1").update(request.dedupe).digest("base64url")}` : `${this.key}:once:-`;
    this.client
      .eval(APPEND_SCRIPT, 2, this.key, dedupeKey, String(this.maxLength), encode(request), request.dedupe ? String(DEDUPE_TTL_MS) : "0")
      .catch((err: Error) => this.log.warn({ err: err.message, event: request.event }, "event not appended to the shared log"));
  }

  async range(fromId: number, toId: number): Promise<StreamEntry[]> {
    const raw = (await this.client.xrange(this.key, streamIdFromNumeric(fromId), streamIdFromNumeric(toId))) as RawEntry[];
    const entries: StreamEntry[] = [];
    for (const [sid, fields] of raw) {
      const entry = decodeEntry(sid, fields);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  reached(id: number, timeoutMs: number): Promise<boolean> {
    if (id <= (numericFromStreamId(this.cursor) ?? 0)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        id,
        done: (ok) => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async read(): Promise<void> {
    let failing = false;
    while (!this.closed) {
      try {
        const answer = (await this.reader.xread("COUNT", READ_BATCH, "BLOCK", BLOCK_MS, "STREAMS", this.key, this.cursor)) as [string, RawEntry[]][] | null;
        failing = false;
        if (!answer) continue;
        for (const [, entries] of answer) {
          for (const [sid, fields] of entries) {
            this.cursor = sid;
            const entry = decodeEntry(sid, fields);
            if (entry) this.deliver(entry);
            else this.log.warn({ id: sid }, "skipped a malformed shared-log entry");
          }
        }
        const head = numericFromStreamId(this.cursor) ?? 0;
        for (const w of [...this.waiters]) if (w.id <= head) w.done(true);
      } catch (err) {
        if (this.closed) return;
        if (!failing) this.log.warn({ err: (err as Error).message }, "reading the shared event log failed; retrying");
        failing = true;
        await new Promise((r) => setTimeout(r, RETRY_MS).unref());
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of [...this.waiters]) w.done(false);
    this.reader.disconnect();
    await this.loop;
  }
}
