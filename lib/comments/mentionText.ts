// What the comment box's "@" picker writes for a member: text the server's reader of comment mentions
// (server/domain/mentions.ts) matches to that member and to no one else it can tell apart: the full
// name, quoted when it has spaces or punctuation (`@"Ana Lopez"`), or the email's local part when
// the name itself holds a quote.
const HANDLE = /^[\p{L}\p{N}._-]{1,64}$/u;

export function commentMentionText(name: string, email: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (HANDLE.test(trimmed) && !/[._-]$/.test(trimmed)) return `@${trimmed}`;
  if (trimmed && trimmed.length <= 80 && !trimmed.includes('"')) return `@"${trimmed}"`;
  const local = email.split("@")[0] ?? "";
  return HANDLE.test(local) ? `@${local}` : `@"${trimmed.replace(/"/g, "").slice(0, 80)}"`;
}

/** The "@query" being typed just before the caret, or null: its start and what follows the "@". */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(?:^|[^\w@"])@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[1].length - 1, query: m[1] };
}
