// Shared setup of the announcement email tests: a real SMTP receiver on loopback, and either one
// events server mailing to it (SQLite) or two instances on one PostgreSQL database and one Redis bus
// (the hosted mode, pair.ts; skipped when either is not running). Also the waits those tests share.
import { afterAll, beforeAll } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { type ReceivedMail, SmtpReceiver } from "../people/smtpReceiver";
import { startEventsServer } from "./helpers";
import { PAIR_START_MS, startEventsPair } from "./pair";

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

/** Two instances (pair.ts) emailing to one fresh receiver; null when PostgreSQL or Redis is down. */
export async function startMailPair(delayMs: number, label: string, extraEnv: Record<string, string> = {}): Promise<MailWorld | null> {
  const smtp = await SmtpReceiver.start();
  const pair = await startEventsPair(label, { ...mailEnv(smtp, delayMs), ...extraEnv });
  if (!pair) {
    await smtp.close();
    return null;
  }
  return {
    smtp,
    servers: pair.servers,
    close: async () => {
      await pair.close();
      await smtp.close();
    },
  };
}

/** A test file's one-server MailWorld: started before its tests (hooks registered first run first), closed after. */
export function withMailWorld(delayMs: number): { world: MailWorld } {
  const holder = {} as { world: MailWorld };
  beforeAll(async () => {
    holder.world = await startMailWorld(delayMs);
  });
  afterAll(async () => {
    await holder.world?.close();
  });
  return holder;
}

/** A test file's two-instance MailWorld; `world` stays null where PostgreSQL or Redis is down (tests skip). */
export function withMailPair(delayMs: number, label: string, extraEnv: Record<string, string> = {}): { world: MailWorld | null } {
  const holder: { world: MailWorld | null } = { world: null };
  beforeAll(async () => {
    holder.world = await startMailPair(delayMs, label, extraEnv);
  }, PAIR_START_MS);
  afterAll(async () => {
    await holder.world?.close();
  });
  return holder;
}

/** The pair's receiver, its two instances, and its first account (so an administrator) signed up on the first. */
export async function withAdmin(world: MailWorld): Promise<{ smtp: SmtpReceiver; a: TestServer; b: TestServer; admin: ApiClient }> {
  const [a, b] = world.servers;
  const admin = new ApiClient(a.url);
  await admin.signup("Admin");
  return { smtp: world.smtp, a, b, admin };
}

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
