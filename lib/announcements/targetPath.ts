// Target path patterns: "/documents/*" matches "/documents/abc" and deeper; "/admin" matches only itself.
// Shared by the server (filter hint) and the browser (each tab filters by its own location).

export function matchesTargetPath(pattern: string | null | undefined, pathname: string): boolean {
  if (!pattern) return true;
  const path = normalize(pathname);
  const target = pattern.trim();
  if (target.endsWith("/*")) {
    const prefix = normalize(target.slice(0, -2));
    return path === prefix || path.startsWith(prefix === "/" ? "/" : prefix + "/");
  }
  if (target.endsWith("*")) return path.startsWith(target.slice(0, -1));
  return path === normalize(target);
}

function normalize(p: string): string {
  const trimmed = p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
  return trimmed || "/";
}

/** A pattern is a path that starts with "/", may end with "*", and holds no other wildcard or query. */
export const TARGET_PATH_RE = /^\/[A-Za-z0-9._~\-/]*\*?$/;
