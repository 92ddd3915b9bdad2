// The email a critical announcement becomes for an account that was away: plain text and a simple
// HTML body beside it, every piece of announcement text escaped (the body is Markdown, sent as the
// text it is; HTML gets it paragraph by paragraph, never as markup).
import type { AnnouncementView } from "../../lib/announcements/types";
import type { MailMessage } from "../mail/mailer";
import { xmlEscape as htmlEscape } from "./atomFeed";

export type AwayMailInput = {
  to: { email: string; name: string };
  announcement: AnnouncementView;
  /** Where Tandem is, e.g. https://tandem.example.com. */
  origin: string;
  /** This account's unsubscribe link (reminder emails only; see server/mail/unsubscribe.ts). */
  unsubscribeUrl: string;
};

/** One line, bounded: a title may hold line breaks, a header must not. */
const oneLine = (s: string, max = 150) => {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function awayMailMessage({ to, announcement: a, origin, unsubscribeUrl }: AwayMailInput): MailMessage {
  const link = a.targetPath && !a.targetPath.includes("*") ? `${origin}${a.targetPath}` : `${origin}/`;
  const when =
    a.kind === "maintenance" ? `Maintenance from ${new Date(a.startsAt).toUTCString()}${a.endsAt ? ` until ${new Date(a.endsAt).toUTCString()}` : ""}.` : null;
  const why = "You get this email because this is a critical announcement and Tandem was not open on any of your devices when it was posted.";
  const stop = "Critical announcements are always emailed this way. To stop reminder emails about other announcements, unsubscribe:";
  const text = [
    `Hello ${oneLine(to.name, 80)},`,
    "",
    `Critical announcement: ${oneLine(a.title, 200)}`,
    ...(when ? ["", when] : []),
    ...(a.body.trim() ? ["", a.body.trim()] : []),
    "",
    `Open Tandem: ${link}`,
    "",
    "--",
    why,
    stop,
    unsubscribeUrl,
    "",
  ].join("\n");
  const paragraphs = a.body
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${htmlEscape(p).replace(/\n/g, "<br>")}</p>`);
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>',
    `<p>Hello ${htmlEscape(oneLine(to.name, 80))},</p>`,
    `<h1>${htmlEscape(oneLine(a.title, 200))}</h1>`,
    ...(when ? [`<p><strong>${htmlEscape(when)}</strong></p>`] : []),
    ...paragraphs,
    `<p><a href="${htmlEscape(link)}">Open Tandem</a></p>`,
    `<hr><p><small>${htmlEscape(why)} ${htmlEscape(stop)} <a href="${htmlEscape(unsubscribeUrl)}">Unsubscribe from reminder emails</a>.</small></p>`,
    "</body></html>",
  ].join("\n");
  return {
    to: to.email,
    subject: `[Tandem] ${oneLine(a.title)}`,
    text,
    html,
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
