import { isLocale, type AuthResponse, type MeView, type UserView } from '@kindred/contracts';
import { i18n, useLocale } from './i18n/i18n.svelte';

const TOKEN_KEY = 'kindred.token';

/**
 * The signed-in member. The token lives in localStorage and goes out as a Bearer header (no
 * cookie, so no CSRF surface); the CSP forbids third-party scripts that could read it.
 */
class Session {
  user = $state<UserView | null>(null);
  token = $state<string | null>(null);
  ready = $state(false);
  /** Set when the server said the session is no longer valid, to explain the sign-in page. */
  expired = $state(false);

  isModerator = $derived(this.user?.role === 'moderator' || this.user?.role === 'admin');
  isAdmin = $derived(this.user?.role === 'admin');

  constructor() {
    this.token = readToken();
  }

  /** Loads /api/me for a stored token; a dead token is dropped quietly. */
  async restore(load: () => Promise<UserView>): Promise<void> {
    if (this.token) {
      try {
        const me = await load();
        this.user = me;
        await applySavedLocale(me);
      } catch {
        this.user = null;
      }
    }
    this.ready = true;
  }

  accept(response: AuthResponse): void {
    this.token = response.token;
    this.user = response.user;
    this.expired = false;
    writeToken(response.token);
    this.afterSignIn?.();
  }

  /** Set by the app: what to do once someone signs in (load their saved language). */
  afterSignIn: (() => void) | null = null;

  signOut(): void {
    this.token = null;
    this.user = null;
    writeToken(null);
  }

  expire(): void {
    this.signOut();
    this.expired = true;
  }
}

/** A member's saved language follows them to every device; a device's own choice yields to it. */
export async function applySavedLocale(me: UserView | MeView): Promise<void> {
  const saved = 'locale' in me ? me.locale : null;
  if (isLocale(saved) && saved !== i18n.locale) await useLocale(saved, { remember: true });
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the session lasts for this tab only */
  }
}

export const session = new Session();
