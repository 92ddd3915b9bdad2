// The Mailer when SMTP_URL is unset: nothing leaves the server; the message goes to the log, so the
// person running Tandem can pass the link on by hand.
import type { Logger } from "../log";
import type { Mailer, MailMessage } from "./mailer";

export class LogMailer implements Mailer {
  readonly delivers = false;

  constructor(private readonly log: Logger) {}

  async send(message: MailMessage): Promise<void> {
    this.log.info({ to: message.to, subject: message.subject, text: message.text }, "would send email (SMTP_URL is not set)");
  }

  close(): void {}
}
