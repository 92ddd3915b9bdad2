// A person's caret and avatar colour, derived from their user id so every client agrees without asking.
// Hex (#rrggbb) because Tiptap's caret extension only accepts that form.

// Tailwind's 700 shades: white initials and caret names on each keep a contrast of at least 4.9:1
// (WCAG AA for small text; the 600 shades fell to 2.9:1 for yellow).
const PALETTE = [
  "#be123c",
  "#be185d",
  "#a21caf",
  "#7e22ce",
  "#6d28d9",
  "#4338ca",
  "#1d4ed8",
  "#0369a1",
  "#0e7490",
  "#0f766e",
  "#047857",
  "#15803d",
  "#4d7c0f",
  "#a16207",
  "#b45309",
  "#c2410c",
];

export function userColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length];
}

/** True for the colour form we hand out; anything else from a peer is replaced. */
export function isHexColor(value: unknown): value is string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value);
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}
