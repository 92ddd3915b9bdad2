// The Mailer over SMTP (nodemailer), for SMTP_URL such as smtp://user:pass@mail.example.com:587.
import nodemailer, { type Transporter } from "nodemailer";
import type { Mailer, MailMessage } from "./mailer";

export class SmtpMailer implements Mailer {
  readonly delivers = true;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Bounded waits: a mail server that hangs must not hold the request that sends (nodemailer waits minutes by default).
    const parsed = new URL(url);
    const secure = parsed.protocol === "smtps:";
    this.transport = nodemailer.createTransport({
      host: parsed.hostname.replace(/^\[|\]$/g, ""),
      port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
      secure,
      auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}
