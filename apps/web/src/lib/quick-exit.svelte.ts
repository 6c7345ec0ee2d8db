import { router } from './router.svelte';

const URL_KEY = 'kindred.quickExitUrl';
const DISCREET_KEY = 'kindred.discreet';
const DEFAULT_URL = 'https://weather.com/';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* private mode: the setting lasts for this tab only */
  }
}

/**
 * "Leave quickly": replaces Kindred in this tab with a neutral site, as crisis and
 * domestic-violence sites do. It first steps back to this tab's first Kindred entry (the router
 * counts them), then `location.replace`s that one, so the back button has no Kindred page to
 * return to (entries from before a full reload are out of a page's reach).
 */
export function leaveQuickly(): void {
  const target = read(URL_KEY) ?? DEFAULT_URL;
  document.title = '';
  document.body.replaceChildren();
  const depth = router.depth;
  if (depth <= 0) {
    location.replace(target);
    return;
  }
  let gone = false;
  const go = (): void => {
    if (gone) return;
    gone = true;
    location.replace(target);
  };
  addEventListener('popstate', go, { once: true });
  setTimeout(go, 400);
  history.go(-depth);
}

/** Remembers the operator's neutral site (GET /api/quick-exit) so the button works offline too. */
export async function loadQuickExitUrl(): Promise<void> {
  try {
    const res = await fetch('/api/quick-exit', { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const { url } = (await res.json()) as { url?: unknown };
    if (typeof url === 'string' && /^https?:\/\//.test(url)) write(URL_KEY, url);
  } catch {
    /* offline: the last known (or default) site is used */
  }
}

/** Escape pressed three times within two seconds leaves quickly. */
export function listenForEscape(): () => void {
  let presses: number[] = [];
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.repeat) return; // i18n-ignore: a key name, not words
    const now = Date.now();
    presses = [...presses.filter((t) => now - t < 2000), now];
    if (presses.length >= 3) leaveQuickly();
  };
  addEventListener('keydown', onKey);
  return () => removeEventListener('keydown', onKey);
}

/**
 * Discreet mode, a per-device setting: the tab shows "Notes" and a plain icon instead of
 * Kindred's. Notifications and push (when they exist) should read `discreet.on` and leave out
 * their content and the app name.
 */
class Discreet {
  on = $state(read(DISCREET_KEY) === '1');

  set(on: boolean): void {
    this.on = on;
    write(DISCREET_KEY, on ? '1' : null);
  }
}

export const discreet = new Discreet();

/** A plain notepad icon for discreet mode (a data: URL; the CSP allows data: images). */
export const NEUTRAL_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="6" y="3" width="20" height="26" rx="2" fill="#f4f1e8" stroke="#777" stroke-width="2"/><path d="M10 10h12M10 15h12M10 20h8" stroke="#999" stroke-width="2"/></svg>',
  );
