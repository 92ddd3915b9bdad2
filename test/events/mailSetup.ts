// Shared setup of the announcement email tests: a real SMTP receiver on loopback, and either one
// events server mailing to it (SQLite) or two instances on one PostgreSQL database and one Redis bus
// (the hosted mode; skipped when either is not running). Also the small waits those tests share.
import pg from "pg";
import { Redis } from "ioredis";
import type { TestServer } from "../helpers/server";
import { type ReceivedMail, SmtpReceiver } from "../people/smtpReceiver";
import { startEventsServer } from "./helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";

export type MailWorld = { smtp: SmtpReceiver; servers: TestServer[]; close: () => Promise<void> };

const mailEnv = (smtp: SmtpReceiver, delayMs: number) => ({ SMTP_URL: smtp.url, ANNOUNCEMENT_EMAIL_DELAY_MS: String(delayMs) });

/** One server (the test's default database) emailing to a fresh receiver. */
export async function startMailWorld(delayMs: number): Promise<MailWorld> {
  const smtp = await SmtpReceiver.start();
  const server = await startEventsServer({}, { env: mailEnv(smtp, delayMs) });
  return {
    smtp,
    servers: [server],
    close: async () => {
      await server.stop();
      await smtp.close();
    },
  };
}

/** Two instances sharing a fresh PostgreSQL database and a Redis prefix; null when either is down. */
export async function startMailPair(delayMs: number, label: string): Promise<MailWorld | null> {
  const dbName = `tandem_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (!(await redisUp()) || !(await pgAdmin(`CREATE DATABASE ${dbName}`))) return null;
  const smtp = await SmtpReceiver.start();
  const env = {
    REDIS_URL,
    REDIS_PREFIX: `tandem-${label}-test-${Math.random().toString(36).slice(2)}:`,
    DATABASE_URL: `${PG_BASE}/${dbName}`,
    ...mailEnv(smtp, delayMs),
  };
  const a = await startEventsServer({}, { env });
  const b = await startEventsServer({}, { env, dataDir: a.dataDir });
  return {
    smtp,
    servers: [a, b],
    close: async () => {
      await b.stop();
      await a.stop();
      await smtp.close();
      await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

/** Two instances migrating one fresh PostgreSQL database took 40 s on a loaded two-core machine. */
export const PAIR_START_MS = 180_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const mailsAbout = (smtp: SmtpReceiver, title: string): ReceivedMail[] => smtp.mails.filter((m) => m.subject.includes(title));

/** How many mails each address got about `title`. */
export function perRecipient(smtp: SmtpReceiver, title: string): Record<string, number> {
  const count: Record<string, number> = {};
  for (const m of mailsAbout(smtp, title)) for (const to of m.to) count[to] = (count[to] ?? 0) + 1;
  return count;
}

/** Waits until `n` mails about `title` arrived (or throws), then `quietMs` more so a stray one would show. */
export async function mailsArrive(smtp: SmtpReceiver, title: string, n: number, quietMs: number): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  while (mailsAbout(smtp, title).length < n) {
    if (Date.now() > deadline) throw new Error(`only ${mailsAbout(smtp, title).length} of ${n} mails about ${title}`);
    await sleep(50);
  }
  await sleep(quietMs);
  return mailsAbout(smtp, title);
}

async function redisUp(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const up = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  return up;
}

async function pgAdmin(sql: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  try {
    await client.connect();
    await client.query(sql);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
