// The email half of an acknowledgement reminder: one plain message per pending account that has
// not unsubscribed, sent one after another in the background (a mail server that is slow must not
// hold the admin's request). Each carries its account's unsubscribe link, in the text and as
// List-Unsubscribe with RFC 8058's one-click header, since reminders are what unsubscribing stops.
import type { Logger } from "../log";
import type { Mailer } from "../mail/mailer";
import { unsubscribeUrl } from "../mail/unsubscribe";
import type { Person } from "./reachStore";

export type ReminderMailDeps = { mailer: Mailer; log: Logger; sessionSecret: string; origin: string };

/** Queues the reminders; returns how many were queued. `people` are those still subscribed. */
export function remindByEmail({ mailer, log, sessionSecret, origin }: ReminderMailDeps, title: string, people: readonly Person[]): number {
  const recipients = people.filter((p) => p.email.includes("@"));
  void (async () => {
    for (const person of recipients) {
      const unsubscribe = unsubscribeUrl(origin, person.id, sessionSecret);
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
      try {
        await mailer.send({
          to: person.email,
          subject: `Please read: ${title}`,
          text,
          headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        });
      } catch (err) {
        log.warn({ err, userId: person.id }, "acknowledgement reminder email failed");
      }
    }
  })();
  return recipients.length;
}
