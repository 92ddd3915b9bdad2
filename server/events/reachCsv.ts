// The "not acknowledged yet" list as CSV (RFC 4180): every field quoted, quotes doubled, CRLF line
// ends, a byte-order mark so spreadsheet programs read UTF-8 names right. A value that a spreadsheet
// would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe (OWASP's advice
// on CSV injection): names and emails are typed by the people themselves.
import type { Person } from "./reachStore";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function pendingCsv(people: readonly Person[]): string {
  return `\uFEFF${csvRows([["name", "email", "id"], ...people.map((p) => [p.name, p.email, p.id])])}`;
}
