// Outgoing email, one interface for every feature that sends any (invitations now; password resets
// next). With SMTP_URL set, mail goes out through nodemailer; without it, each message is written to
// the server log ("would send", with its text and links) so a self-hoster without mail still sees it.
import type { Config } from "../config";
import type { Logger } from "../log";
import { LogMailer } from "./logMailer";
import { SmtpMailer } from "./smtpMailer";

/** One plain-text email (with an optional HTML body beside it). */
export type MailMessage = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

export interface Mailer {
  /** True when messages really leave the server (the UI then says "emailed" instead of showing the link). */
  readonly delivers: boolean;
  /** Sends the message; rejects when the mail server refused it or could not be reached. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(config: Config, log: Logger): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new LogMailer(log);
}
