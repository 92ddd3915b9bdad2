// The email half of an acknowledgement reminder: one plain message per away account that still
// takes reminder emails and was not emailed about this announcement within the cooldown (the claim,
// reminderClaims.ts, is taken before the request answers, so the counts are true; the sending itself
// runs in the background, one after another: a slow mail server must not hold the admin's request).
// Each carries its account's unsubscribe link, in the text and as List-Unsubscribe with RFC 8058's
// one-click header, since reminders are what unsubscribing stops.
import type { Logger } from "../log";
import type { Mailer, MailMessage } from "../mail/mailer";
import { unsubscribeUrl } from "../mail/unsubscribe";
import type { ReminderClaims } from "./reminderClaims";
import type { Person } from "./reachStore";

export type ReminderMailDeps = { mailer: Mailer; log: Logger; sessionSecret: string; claims: ReminderClaims };

export class ReminderMail {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: ReminderMailDeps) {}

  get delivers(): boolean {
    return this.deps.mailer.delivers;
  }

  /** Claims and queues the emails; `people` are away and still subscribed. */
  async send(
    announcement: { id: string; title: string },
    people: readonly Person[],
    origin: string,
  ): Promise<{ emailed: number; skippedRecentlyReminded: number }> {
    const withAddress = people.filter((p) => p.email.includes("@"));
    const sentAt = new Date();
    const { claimed, recent } = await this.deps.claims.claim(
      announcement.id,
      withAddress.map((p) => p.id),
      sentAt,
    );
    const mine = new Set(claimed);
    const recipients = withAddress.filter((p) => mine.has(p.id));
    const run = this.deliver(announcement, recipients, origin, sentAt);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return { emailed: recipients.length, skippedRecentlyReminded: recent.length };
  }

  /** Settles when every queued email has been handed to the mail server (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async deliver(announcement: { id: string; title: string }, recipients: Person[], origin: string, sentAt: Date): Promise<void> {
    const { mailer, log, sessionSecret, claims } = this.deps;
    for (const person of recipients) {
      try {
        await mailer.send(reminderMessage(announcement.title, person, origin, unsubscribeUrl(origin, person.id, sessionSecret)));
      } catch (err) {
        log.warn({ err, userId: person.id }, "acknowledgement reminder email failed; the next reminder tries again");
        await claims.release(announcement.id, person.id, sentAt).catch((e) => log.warn({ err: e }, "could not give back a reminder claim"));
      }
    }
  }
}

function reminderMessage(title: string, person: Person, origin: string, unsubscribe: string): MailMessage {
  const text = [
    "Hello,",
    "",
    `An administrator asks you to read this announcement and confirm it: “${title}”.`,
    "",
    `Open Tandem to read it and press “I have read this”: ${origin}/`,
    "",
    "--",
    "To stop reminder emails like this one, unsubscribe:",
    unsubscribe,
    "",
  ].join("\n");
  return {
    to: person.email,
    subject: `Please read: ${title}`,
    text,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
