/**
 * Where to go after signing in or signing up: `next` only when it resolves to a path on this site.
 * A prefix check is not enough: "/\\evil.example" starts with "/" but the URL parser reads it as
 * "//evil.example", another host.
 */
export function sameSitePath(next: string | null): string {
  if (!next || !next.startsWith('/')) return '/';
  try {
    const url = new URL(next, location.origin);
    if (url.origin !== location.origin) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
