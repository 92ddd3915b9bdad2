// The email half of an acknowledgement reminder: one plain message per pending account, sent one
// after another in the background (a mail server that is slow must not hold the admin's request).
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import type { Person } from "./reachStore";

/** Queues the reminders; returns how many were queued. */
export function remindByEmail(mailer: Mailer, log: Logger, about: { title: string; publicUrl?: URL }, people: readonly Person[]): number {
  const recipients = people.filter((p) => p.email.includes("@"));
  const link = about.publicUrl ? new URL("/", about.publicUrl).toString() : null;
  const text = [
    "Hello,",
    "",
    `An administrator asks you to read this announcement and confirm it: “${about.title}”.`,
    "",
    link ? `Open Tandem to read it and press “I have read this”: ${link}` : "Open Tandem to read it and press “I have read this”.",
  ].join("\n");
  void (async () => {
    for (const person of recipients) {
      try {
        await mailer.send({ to: person.email, subject: `Please read: ${about.title}`, text });
      } catch (err) {
        log.warn({ err, userId: person.id }, "acknowledgement reminder email failed");
      }
    }
  })();
  return recipients.length;
}
