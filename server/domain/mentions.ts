// Finds who a comment mentions: `@ana`, `@ana.lopez` or `@"Ana Lopez"` match a member by first name,
// full name without spaces, or the local part of their email (all case-insensitive).
export type Mentionable = { userId: string; name: string; email: string };

const MENTION = /(?:^|[^\w@])@(?:"([^"\n]{1,80})"|([\p{L}\p{N}._-]{1,64}))/gu;

const norm = (s: string) => s.normalize("NFKC").toLowerCase();
const squash = (s: string) => norm(s).replace(/\s+/g, "");

export function mentionHandles(body: string): string[] {
  const handles = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    // A trailing dot ends a sentence ("thanks @ana."), it is not part of the name.
    const raw = (m[1] ?? m[2] ?? "").replace(/[._-]+$/, "");
    if (raw) handles.add(squash(raw));
  }
  return [...handles];
}

export function findMentioned(body: string, members: Mentionable[]): string[] {
  const handles = mentionHandles(body);
  if (handles.length === 0) return [];
  const matched = new Set<string>();
  for (const member of members) {
    const keys = new Set([squash(member.name), norm(member.name.trim().split(/\s+/)[0] ?? ""), norm(member.email.split("@")[0] ?? "")]);
    if (handles.some((h) => keys.has(h))) matched.add(member.userId);
  }
  return [...matched];
}
