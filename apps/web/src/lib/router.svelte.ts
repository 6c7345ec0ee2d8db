import type { MessageKey } from './i18n/i18n.svelte';
import type { Component } from 'svelte';

export interface RouteParams {
  [name: string]: string;
}

export type PageComponent = Component<{ params: RouteParams }>;

export interface Route {
  /** A path pattern like `/threads/:id`. */
  path: string;
  /** The page, in the initial bundle (screens a first visit needs)… */
  component?: PageComponent;
  /** …or fetched as its own chunk the first time it is opened (the rest). */
  load?: () => Promise<{ default: PageComponent }>;
  /** The page's name in the catalogues, shown in the window title. */
  title: MessageKey;
}

/** A page loaded on first use, once: keeps the initial bundle small on a phone. */
export function lazy(loader: () => Promise<{ default: PageComponent }>): () => Promise<{ default: PageComponent }> {
  let loading: Promise<{ default: PageComponent }> | null = null;
  return () => {
    loading ??= loader().catch((error: unknown) => {
      loading = null; // a failed fetch (a dropped connection) is tried again next time
      throw error;
    });
    return loading;
  };
}

/** Client-side routing over real URLs: deep links and the back button work. */
class Router {
  path = $state(location.pathname);
  search = $state(location.search);
  hash = $state(location.hash);

  constructor() {
    addEventListener('popstate', () => this.sync());
    document.addEventListener('click', (event) => this.intercept(event));
  }

  navigate(href: string, options: { replace?: boolean } = {}): void {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) {
      location.href = href;
      return;
    }
    // Each entry knows how many in-app steps lie behind it, so "Leave quickly" can go back to the
    // first one before replacing it (no Kindred page left to go back to).
    if (options.replace) history.replaceState({ kindredDepth: this.depth }, '', url);
    else history.pushState({ kindredDepth: this.depth + 1 }, '', url);
    this.sync();
    if (url.hash) {
      queueMicrotask(() => document.getElementById(decodeSegment(url.hash.slice(1)) ?? '')?.scrollIntoView());
    } else {
      scrollTo(0, 0);
    }
  }

  /** In-app history entries behind the current one, in this document. */
  get depth(): number {
    return (history.state as { kindredDepth?: number } | null)?.kindredDepth ?? 0;
  }

  param(name: string): string | null {
    return new URLSearchParams(this.search).get(name);
  }

  match(routes: Route[]): { route: Route; params: RouteParams } | null {
    for (const route of routes) {
      const params = matchPath(route.path, this.path);
      if (params) return { route, params };
    }
    return null;
  }

  private sync(): void {
    this.path = location.pathname;
    this.search = location.search;
    this.hash = location.hash;
  }

  /** Same-origin links navigate in-app; modified clicks, downloads and new tabs are left alone. */
  private intercept(event: MouseEvent): void {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#') || /^[a-z]+:/i.test(href)) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

function matchPath(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      const value = decodeSegment(have[i]);
      // A malformed escape ("/threads/%E0%A4%A") is no page: the not-found screen, not a crash.
      if (value === null) return null;
      params[want[i].slice(1)] = value;
    } else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** decodeURIComponent, or null for a malformed escape sequence (it would throw a URIError). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const router = new Router();
