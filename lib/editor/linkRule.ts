// Which link addresses the editor accepts: web and mail links only, never javascript:, data: or
// file: URLs. One rule for the link editor, typed and pasted links, and the schema itself.

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** What the link editor says when it refuses an address. */
export const LINK_REFUSED = "Enter a web or email address, such as https://example.com.";

/** True when `href` is an absolute http(s) or mailto URL (what a stored link may point to). */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (!HAS_SCHEME.test(value)) return false;
  try {
    const url = new URL(value);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false;
    if (url.protocol === "mailto:") return url.pathname.length > 0;
    // "https:foo" parses as https://foo/: a web link is written with "//" and a host.
    return /^https?:\/\//i.test(value) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * What a person typed, as the address to store, or null when it is not a web or mail address.
 * "example.com" becomes "https://example.com/"; "ada@example.com" becomes a mailto: link.
 */
export function normalizeLink(input: string): string | null {
  const value = input.trim();
  if (!value || /\s/.test(value)) return null;
  let withScheme = value;
  if (!HAS_SCHEME.test(value) || /^(localhost|[^/:]+\.[^/:]+):\d+(\/|$)/i.test(value)) {
    withScheme = /^[^@/\s]+@[^@/\s]+\.[^@/\s]+$/.test(value) ? `mailto:${value}` : `https://${value}`;
  }
  if (!isAllowedHref(withScheme)) return null;
  const url = new URL(withScheme);
  // A bare word ("hello") is not an address: web hosts need a dot (or are localhost).
  if (url.protocol !== "mailto:" && !url.hostname.includes(".") && url.hostname !== "localhost" && !HAS_SCHEME.test(value)) return null;
  return url.href;
}
