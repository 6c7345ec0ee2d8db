// B6: the web app's initial JS and CSS (gzip) and the thread page's first contentful paint in Chromium.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { quantile, ROOT } from '../lib/util.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Files index.html loads up front: module scripts, modulepreloads and stylesheets. */
export function initialAssets(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:modulepreload|stylesheet)"/g)) refs.add(m[1]);
  const assets = { js: [], css: [] };
  for (const ref of refs) {
    if (/^https?:/.test(ref)) continue;
    const file = join(distDir, ref.replace(/^\//, ''));
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const entry = { file: ref, raw: bytes.length, gzip: gzipSync(bytes).length };
    (ref.endsWith('.css') ? assets.css : assets.js).push(entry);
  }
  return assets;
}

async function firstContentfulPaint(url, runs) {
  if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext(); // a cold cache every time
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const fcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const find = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
            const found = find();
            if (found) return resolve(found.startTime);
            new PerformanceObserver(() => {
              const late = find();
              if (late) resolve(late.startTime);
            }).observe({ type: 'paint', buffered: true });
            setTimeout(() => resolve(null), 5000);
          }),
      );
      if (fcp !== null) samples.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { samples, median: quantile(samples, 0.5) };
}

export async function run(ctx) {
  const distDir = join(ROOT, 'apps/web/dist');
  const assets = initialAssets(distDir);
  const jsGzip = assets.js.reduce((n, a) => n + a.gzip, 0);
  const cssGzip = assets.css.reduce((n, a) => n + a.gzip, 0);
  const threadId = ctx.b1ThreadId;
  const fcp = await firstContentfulPaint(`${ctx.api.url}/threads/${threadId}`, ctx.smoke ? 1 : 5).catch((error) => ({
    error: error instanceof Error ? error.message.split('\n')[0] : String(error),
  }));
  return {
    rows: [
      {
        id: 'B6',
        scenario: 'web: initial bundle; thread page in Chromium (cold cache, 5 loads)',
        measured:
          `JS ${(jsGzip / 1024).toFixed(1)} KB gzip (${assets.js.length} file${assets.js.length === 1 ? '' : 's'}), ` +
          `CSS ${(cssGzip / 1024).toFixed(1)} KB gzip; ` +
          (fcp.error
            ? `FCP not measured (${fcp.error})`
            : `first contentful paint median ${fcp.median?.toFixed(0)} ms`),
        target: 'initial JS ≤ 80 KB gzip',
        met: jsGzip <= 80 * 1024,
      },
    ],
    data: { assets, jsGzip, cssGzip, fcp },
  };
}
