// The Atom 1.0 document (RFC 4287) of public announcements, written by hand: no XML library is a
// dependency, and the format needs only five escapes and a filter for characters XML cannot carry.
// Pure: rows in, a string out (feedRoutes.ts serves it).
import type { AnnouncementView } from "../../lib/announcements/types";
import { statusOf } from "./schedule";

/** Characters XML 1.0 allows (§2.2); anything else (most C0 controls, U+FFFE/FFFF) is dropped. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const STATUS_WORDS = { active: "Now", scheduled: "Scheduled", ended: "Ended", revoked: "Withdrawn" } as const;

export type FeedInput = {
  /** Absolute base of links, e.g. https://tandem.example.com (no trailing slash). */
  origin: string;
  /** The feed's own absolute address (rel="self"). */
  selfUrl: string;
  announcements: readonly AnnouncementView[];
  now: number;
  /** Used for <updated> when there are no entries (a feed must always have one). */
  emptyUpdated?: Date;
};

/** The feed: one <entry> per announcement, newest change first; ids are stable URNs of the announcement id. */
export function atomFeed(input: FeedInput): string {
  const entries = [...input.announcements].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const updated = entries[0]?.updatedAt ?? (input.emptyUpdated ?? new Date(0)).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(input.selfUrl)}</id>`,
    "  <title>Tandem announcements</title>",
    "  <subtitle>Public notices from the people who run this Tandem: maintenance, incidents and news.</subtitle>",
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(input.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${input.origin}/`)}"/>`,
    "  <generator>Tandem</generator>",
  ];
  for (const a of entries) lines.push(...entry(a, input));
  lines.push("</feed>", "");
  return lines.join("\n");
}

function entry(a: AnnouncementView, input: FeedInput): string[] {
  const status = statusOf({ kind: a.kind, startsAt: new Date(a.startsAt), endsAt: a.endsAt ? new Date(a.endsAt) : null, revokedAt: null }, input.now);
  const when = a.kind === "maintenance" ? `Maintenance from ${a.startsAt}${a.endsAt ? ` to ${a.endsAt}` : ""}` : null;
  const summary = [`${STATUS_WORDS[status]} · ${a.severity}`, when].filter(Boolean).join(" · ");
  const link = a.targetPath && !a.targetPath.includes("*") ? `${input.origin}${a.targetPath}` : `${input.origin}/`;
  return [
    "  <entry>",
    `    <id>urn:uuid:${xmlEscape(a.id)}</id>`,
    `    <title type="text">${xmlEscape(a.title)}</title>`,
    `    <updated>${a.updatedAt}</updated>`,
    `    <published>${a.startsAt}</published>`,
    "    <author><name>Tandem</name></author>",
    `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
    `    <category term="${xmlEscape(a.severity)}"/>`,
    `    <category term="${xmlEscape(a.kind)}"/>`,
    `    <summary type="text">${xmlEscape(summary)}</summary>`,
    // The body is Markdown; as text, a reader shows it as written and runs nothing in it.
    `    <content type="text">${xmlEscape(a.body)}</content>`,
    "  </entry>",
  ];
}
