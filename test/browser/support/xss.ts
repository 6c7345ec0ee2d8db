import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export interface XssPayload {
  /** e.g. "markdown-07": class and position, stable across runs. */
  id: string;
  class: string;
  payload: string;
}

const CORPUS = new URL('../../fixtures/xss/payloads.jsonl', import.meta.url).pathname;

/** The payload corpus (test/fixtures/xss/payloads.jsonl), one JSON object a line. */
export function loadXssCorpus(): XssPayload[] {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const entry = JSON.parse(line) as Partial<XssPayload>;
      if (typeof entry.id !== 'string' || typeof entry.class !== 'string' || typeof entry.payload !== 'string') {
        throw new Error(`${CORPUS}:${i + 1}: each line needs string "id", "class" and "payload"`);
      }
      return entry as XssPayload;
    });
}

/** Whitespace-insensitive form used to compare a payload with the text a screen shows. */
export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Greedy chunks of items joined by `separator`, each at most `max` characters. */
export function chunk(
  items: string[],
  max: number,
  separator = ' ¶ ',
  /** Whether a joined chunk may be stored as it is (payloads fine alone can read otherwise together). */
  accepts: (joined: string) => boolean = () => true,
): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const item of items) {
    if (item.length > max) throw new Error(`an item is longer than ${max} characters`);
    const extra = current.length === 0 ? item.length : separator.length + item.length;
    if (length + extra > max || (current.length > 0 && !accepts([...current, item].join(separator)))) {
      out.push(current);
      current = [];
      length = 0;
    }
    length += current.length === 0 ? item.length : separator.length + item.length;
    current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Runs in every document before any page script (page.addInitScript). It records, in
 * `window.__xssHits`:
 * - any write to `window.__xss` (the payloads' own marker; the property cannot be redefined);
 * - calls to alert/confirm/prompt/print;
 * - Content-Security-Policy violations (an injected inline handler or remote resource that the
 *   CSP stopped is still an injection);
 * - DOM that the app never renders itself but injected markup would: tags such as script,
 *   iframe, svg, math, style, base or meta in the body; on* attributes; javascript:/vbscript:/data:
 *   URLs; srcdoc; style attributes with url()/expression(). Checked on every mutation (so markup
 *   that appears and is removed again is caught) and by `scanDom` at the end.
 * Must be self-contained: Playwright serialises it into the page.
 */
function installTripwire(): void {
  const hits: string[] = [];
  const record = (what: string): void => {
    hits.push(what.slice(0, 300));
  };
  Object.defineProperty(window, '__xssHits', { value: hits, configurable: false, enumerable: false });
  Object.defineProperty(window, '__xss', {
    configurable: false,
    get: () => undefined,
    set: (value: unknown) => record(`window.__xss = ${String(value)}`),
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
    Object.defineProperty(window, name, {
      configurable: false,
      writable: false,
      value: (...args: unknown[]) => {
        record(`${name}(${args.map(String).join(', ')})`);
        return null;
      },
    });
  }
  document.addEventListener(
    'securitypolicyviolation',
    (e) => record(`CSP violation: ${e.violatedDirective} blocked "${e.blockedURI}" sample="${e.sample}"`),
    true,
  );

  const FORBIDDEN_TAGS = new Set([
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'meta',
    'link',
    'style',
    'svg',
    'math',
    'noscript',
    'noembed',
    'xmp',
    'listing',
    'plaintext',
    'marquee',
    'video',
    'audio',
    'source',
    'title',
    'portal',
  ]);
  const URL_ATTRIBUTES = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'srcset',
  ]);
  const RESOURCE_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'background', 'data']);
  const origin = location.origin;
  const describe = (el: Element): string => el.outerHTML.slice(0, 200);

  const checkElement = (el: Element): void => {
    const tag = el.localName;
    // The app's own bundle and head are in index.html; nothing like it may appear in the body.
    if (FORBIDDEN_TAGS.has(tag) && document.body?.contains(el)) record(`injected <${tag}>: ${describe(el)}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value;
      if (name.startsWith('on')) record(`injected ${name} attribute: ${describe(el)}`);
      if (name === 'srcdoc') record(`injected srcdoc: ${describe(el)}`);
      if (URL_ATTRIBUTES.has(name) || name.endsWith(':href')) {
        const compact = value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(compact)) record(`dangerous URL in ${name}: ${describe(el)}`);
        if (RESOURCE_ATTRIBUTES.has(name)) {
          try {
            if (new URL(value, location.href).origin !== origin) record(`remote resource in ${name}: ${describe(el)}`);
          } catch {
            /* not a URL: nothing is loaded */
          }
        }
      }
      if (name === 'style' && /url\s*\(|expression\s*\(|binding|behavior|\\/i.test(value)) {
        record(`dangerous style attribute: ${describe(el)}`);
      }
    }
  };
  const checkTree = (node: Node): void => {
    if (!(node instanceof Element)) return;
    checkElement(node);
    node.querySelectorAll('*').forEach(checkElement);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) checkElement(r.target);
      r.addedNodes.forEach(checkTree);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  Object.defineProperty(window, '__xssScan', {
    value: () => {
      if (document.body) checkTree(document.body);
    },
    configurable: false,
    enumerable: false,
  });
}

export interface TripwiredPage {
  page: Page;
  /** Everything that fired so far (page and Node side), after a final DOM scan. */
  hits(): Promise<string[]>;
  /** Text of the page as shown (innerText), whitespace-normalised. */
  visibleText(): Promise<string>;
  /** The expected strings (normalised) that the page does not show. */
  missing(expected: string[]): Promise<string[]>;
}

/**
 * A page in a fresh context (a separate person) with the tripwire installed before any page
 * script, a 'dialog' listener, and every request to a host other than the app's recorded.
 * `bypassCSP` turns the Content-Security-Policy off, so the page proves that output encoding
 * alone stops the payloads (with the CSP on, an injected handler is only blocked and reported).
 */
export async function tripwiredPage(
  browser: Browser,
  baseUrl: string,
  options: { token?: string; bypassCSP: boolean },
): Promise<TripwiredPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1100, height: 900 },
    bypassCSP: options.bypassCSP,
  });
  await context.addInitScript(installTripwire);
  if (options.token) {
    await context.addInitScript((token: string) => localStorage.setItem('kindred.token', token), options.token);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const nodeHits: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('dialog', (dialog) => {
    nodeHits.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
    try {
      if (new URL(url).origin === origin) return;
    } catch {
      /* record it below */
    }
    nodeHits.push(`request to another host: ${url}`);
  });
  page.on('pageerror', (error) => nodeHits.push(`page error: ${error.message}`));
  page.on('popup', (popup) => nodeHits.push(`popup: ${popup.url()}`));

  return {
    page,
    async hits() {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as { __xssScan?: () => void; __xssHits?: string[] };
        w.__xssScan?.();
        return [...(w.__xssHits ?? [])];
      });
      return [...nodeHits, ...inPage];
    },
    async visibleText() {
      return normalize(await page.evaluate(() => document.body.innerText));
    },
    async missing(expected) {
      const text = normalize(await page.evaluate(() => document.body.innerText));
      return expected.filter((e) => !text.includes(normalize(e)));
    },
  };
}

/** Clicks a "load more" button until it is gone (every page of a list is on screen). */
export async function loadAll(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole('button', { name });
  for (let i = 0; i < 50; i++) {
    // Injected markup can keep the network busy; the tripwire reports that, this must not hang.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    if ((await button.count()) === 0) return;
    const before = await page.evaluate(() => document.body.innerText.length);
    // A DOM click: an injected overlay (the tripwire's business) must not turn into a timeout here.
    await button.first().dispatchEvent('click');
    await page.waitForFunction((n) => document.body.innerText.length !== n, before);
  }
  throw new Error(`"${String(name)}" still shown after 50 clicks`);
}

/**
 * Opens a screen twice as `token`'s owner — with the app's Content-Security-Policy, then with the
 * CSP bypassed (output encoding alone) — and asserts that the tripwire stayed silent and that
 * every expected text is shown. The tripwire is read even when `open` threw (an injected overlay,
 * a redirect…), so a failure names what fired. `open` may return more texts to expect (known
 * only once the screen ran, e.g. what arrived live).
 */
export async function openScreen(
  browser: Browser,
  baseUrl: string,
  label: string,
  token: string | undefined,
  open: (p: TripwiredPage, pass: 'csp' | 'no-csp') => Promise<string[] | void>,
  expected: string[] = [],
): Promise<void> {
  for (const pass of ['csp', 'no-csp'] as const) {
    const p = await tripwiredPage(browser, baseUrl, { token, bypassCSP: pass === 'no-csp' });
    try {
      let failure: unknown = null;
      let more: string[] = [];
      try {
        more = (await open(p, pass)) ?? [];
        await p.page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      } catch (error) {
        failure = error;
      }
      const where = `${label} (${pass})`;
      expect({ screen: where, hits: await p.hits() }).toEqual({ screen: where, hits: [] });
      if (failure) throw failure;
      expect({ screen: where, missing: await p.missing([...expected, ...more]) }).toEqual({
        screen: where,
        missing: [],
      });
    } finally {
      await p.page.context().close();
    }
  }
}

/**
 * In-app navigation as a click on a link would do it (history.pushState + the router's popstate
 * handler): the page is re-created for the new path without reloading the bundle.
 */
export async function spaNavigate(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

/** A sample of the corpus: the first `perClass` payloads of every class. */
export function samplePerClass(corpus: XssPayload[], perClass: number): XssPayload[] {
  const seen = new Map<string, number>();
  return corpus.filter((p) => {
    const n = seen.get(p.class) ?? 0;
    seen.set(p.class, n + 1);
    return n < perClass;
  });
}
