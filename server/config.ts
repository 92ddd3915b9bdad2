// All configuration, read from the environment once and validated with zod.
// A bad value stops the process with a message that names the variable.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { MAX_STREAMS_PER_ACCOUNT, MAX_STREAMS_PER_ADDRESS } from "./events/streamLimits";
import { DEFAULT_EVENT_LOG_LENGTH } from "./events/redisEventLog";
import { SEEN_FLUSH_MS } from "./events/seenBatch";
import { PEER_FRAME_BURST, PEER_FRAMES_PER_SECOND } from "./collab/limits";
import { DEFAULT_IMPORT_MAX_ARCHIVE_BYTES, DEFAULT_IMPORT_MAX_BYTES } from "../lib/contracts/importExport";
import * as capacity from "./ops/capacity";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalString.default("0.0.0.0"),
  DATA_DIR: optionalString.default("./data"),
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^(file:|postgres(ql)?:\/\/)/.test(v),
    "must start with file: (SQLite) or postgres:// (PostgreSQL)",
  ),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), "must start with redis://"),
  REDIS_PREFIX: optionalString.default("tandem:"),
  SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  ADMIN_EMAILS: optionalString,
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), "must be an http(s) URL"),
  NODE_ENV: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  EVENT_STREAMS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(MAX_STREAMS_PER_ACCOUNT),
  // Hosted mode: announcement events the shared Redis Stream keeps for replay (MAXLEN ~).
  EVENT_LOG_LENGTH: z.coerce.number().int().min(10).max(1_000_000).default(DEFAULT_EVENT_LOG_LENGTH),
  // How long "seen" reports gather before one batched write (each report is answered once written).
  ANNOUNCEMENT_SEEN_FLUSH_MS: z.coerce.number().int().min(1).max(60_000).default(SEEN_FLUSH_MS),
  EVENT_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(MAX_STREAMS_PER_ADDRESS),
  COLLAB_FRAME_BURST: z.coerce.number().int().min(10).max(100_000_000).default(PEER_FRAME_BURST),
  COLLAB_FRAMES_PER_SECOND: z.coerce.number().int().min(10).max(100_000_000).default(PEER_FRAMES_PER_SECOND),
  // Largest image a document accepts (bytes are stored in the database): 5 MB by default, at most 50 MB.
  IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(DEFAULT_IMPORT_MAX_BYTES),
  // A file that carries pictures (.docx): a Word file with a few phone photos is 5–20 MB; 25 MB by default.
  IMPORT_MAX_ARCHIVE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(DEFAULT_IMPORT_MAX_ARCHIVE_BYTES),
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\/[^/]+/.test(v), "must start with smtp:// or smtps://"),
  MAIL_FROM: optionalString.default("Tandem <tandem@localhost>"),
  // Critical announcements are emailed (with SMTP_URL) to accounts that had no open event stream when
  // they started; every instance first records its own streams' accounts, then this long after the
  // start the away ones are mailed (server/events/awayMail.ts).
  ANNOUNCEMENT_EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  // "Remind" emails an away account about one announcement at most once this long (12 h), however
  // often and on however many instances it is pressed (server/events/reminderClaims.ts); up to 30 days.
  REMINDER_EMAIL_COOLDOWN_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(30 * 86_400_000)
    .default(12 * 3_600_000),
  // Version history (server/history/): an automatic version after this long without edits (60 s), and
  // at least this often while editing goes on (10 min); automatic versions older than N days are pruned.
  HISTORY_PAUSE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  HISTORY_MAX_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(600_000),
  HISTORY_KEEP_AUTO_DAYS: z.coerce.number().min(0).max(36_500).default(30),
  // Instance capacity (server/ops/capacity.ts): past a cap, or the admission rate, new connections get
  // 503 with a Retry-After of CAPACITY_RETRY_AFTER_SECONDS ± CAPACITY_RETRY_AFTER_SPREAD_SECONDS.
  CAPACITY_COLLAB_SOCKETS: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_MAX_COLLAB_SOCKETS),
  CAPACITY_COLLAB_STREAMS: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_MAX_COLLAB_STREAMS),
  CAPACITY_EVENT_STREAMS: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_MAX_EVENT_STREAMS),
  CAPACITY_REALTIME_SOCKETS: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_MAX_REALTIME_SOCKETS),
  CAPACITY_ADMISSIONS_PER_SECOND: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_ADMISSIONS_PER_SECOND),
  CAPACITY_ADMISSION_BURST: z.coerce.number().int().min(1).max(10_000_000).default(capacity.DEFAULT_ADMISSION_BURST),
  CAPACITY_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3_600).default(capacity.DEFAULT_RETRY_AFTER_SECONDS),
  CAPACITY_RETRY_AFTER_SPREAD_SECONDS: z.coerce.number().int().min(0).max(3_600).default(capacity.DEFAULT_RETRY_AFTER_SPREAD_SECONDS),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databaseKind: "sqlite" | "postgres";
  redisUrl?: string;
  /** Namespace for Redis channels and keys, so deployments (and test runs) sharing a Redis never meet. */
  redisPrefix: string;
  sessionSecret: string;
  adminEmails: string[];
  publicUrl?: URL;
  secureCookies: boolean;
  dev: boolean;
  logLevel: string;
  /**
   * On SIGTERM, how long /readyz answers 503 while everything else keeps working, before connections
   * are closed: time for a load balancer to notice and send new clients elsewhere. 0 by default.
   */
  shutdownDrainMs: number;
  /**
   * How many reverse proxies stand in front of the server (0: none). Only then is X-Forwarded-For
   * believed, and only that many hops of it: a client can write anything into the header itself.
   */
  trustProxy: number;
  /** Bearer token that /metrics asks for; unset: /metrics answers only loopback callers. */
  metricsToken?: string;
  /**
   * How many event streams one account, or one address of signed-out visitors, may hold open on an
   * instance (server/events/streamLimits.ts says why 20 and 50). Raised by the benchmark, which holds
   * thousands of streams from one machine.
   */
  eventStreams: { perAccount: number; perAddress: number };
  /** Hosted mode: entries the shared event log keeps (older Last-Event-IDs get a reset). */
  eventLogLength: number;
  /** "Seen" reports gather this long per instance before one batched insert (events/seenBatch.ts). */
  announcementSeenFlushMs: number;
  /** Frames one collab connection may send: a burst, then a rate (its account's connections together: twice). */
  collabFrames: { burst: number; perSecond: number };
  /** Largest image upload accepted, in bytes (server/api/imageRoutes.ts). */
  imageMaxBytes: number;
  /** Largest file one import may carry (its Markdown, or the HTML the browser converted), in bytes. */
  importMaxBytes: number;
  /** Largest file with pictures (.docx) one import may carry, in bytes; it may unpack to 4× that (server/exchange/unpackZip.ts). */
  importMaxArchiveBytes: number;
  /** Outgoing email (server/mail): unset, mail is written to the log ("would send") instead. */
  smtpUrl?: string;
  /** The From: of every email Tandem sends. */
  mailFrom: string;
  /** How long after a critical announcement starts the accounts that were away are emailed. */
  announcementEmailDelayMs: number;
  /** An acknowledgement reminder is emailed to one account about one announcement at most once this long. */
  reminderEmailCooldownMs: number;
  /** Automatic versions (server/history/history.ts): pause and longest interval in ms, days they are kept. */
  history: { quietMs: number; maxWaitMs: number; keepAutoDays: number };
  /** Long-lived connections this instance holds at most, how fast it admits them, and the Retry-After of a refusal. */
  capacity: capacity.CapacityLimits;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nFix these environment variables and start again.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "tandem.db")}`;
  const publicUrl = e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    databaseKind: databaseUrl.startsWith("file:") ? "sqlite" : "postgres",
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    adminEmails: (e.ADMIN_EMAILS ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    publicUrl,
    secureCookies: publicUrl?.protocol === "https:",
    dev: e.NODE_ENV === "development",
    logLevel: e.LOG_LEVEL,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    eventStreams: { perAccount: e.EVENT_STREAMS_PER_ACCOUNT, perAddress: e.EVENT_STREAMS_PER_ADDRESS },
    eventLogLength: e.EVENT_LOG_LENGTH,
    announcementSeenFlushMs: e.ANNOUNCEMENT_SEEN_FLUSH_MS,
    collabFrames: { burst: e.COLLAB_FRAME_BURST, perSecond: e.COLLAB_FRAMES_PER_SECOND },
    imageMaxBytes: e.IMAGE_MAX_BYTES,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    importMaxArchiveBytes: e.IMPORT_MAX_ARCHIVE_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    announcementEmailDelayMs: e.ANNOUNCEMENT_EMAIL_DELAY_MS,
    reminderEmailCooldownMs: e.REMINDER_EMAIL_COOLDOWN_MS,
    history: { quietMs: e.HISTORY_PAUSE_MS, maxWaitMs: e.HISTORY_MAX_INTERVAL_MS, keepAutoDays: e.HISTORY_KEEP_AUTO_DAYS },
    capacity: {
      max: {
        collabSockets: e.CAPACITY_COLLAB_SOCKETS,
        collabStreams: e.CAPACITY_COLLAB_STREAMS,
        eventStreams: e.CAPACITY_EVENT_STREAMS,
        realtimeSockets: e.CAPACITY_REALTIME_SOCKETS,
      },
      admissionsPerSecond: e.CAPACITY_ADMISSIONS_PER_SECOND,
      admissionBurst: e.CAPACITY_ADMISSION_BURST,
      retryAfterSeconds: e.CAPACITY_RETRY_AFTER_SECONDS,
      retryAfterSpreadSeconds: e.CAPACITY_RETRY_AFTER_SPREAD_SECONDS,
    },
  };
}

/** A secret generated on first start and kept under DATA_DIR, so sessions survive restarts without set-up. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: fall through and create it
  }
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
