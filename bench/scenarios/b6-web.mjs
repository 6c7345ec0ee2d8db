// B6: the web app's initial JS and CSS (gzip), the thread page's first contentful paint in Chromium, and
// the home page's on a throttled phone profile (1.6 Mbps down, 750 kbps up, 150 ms RTT, 4x CPU slowdown,
// 390x844) through the DevTools protocol, beside the same page unthrottled.
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

/** Chrome DevTools' "Slow 4G"-like phone profile the issue measures against. */
const PHONE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

async function firstContentfulPaint(url, runs, throttle = false) {
  if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A cold cache every time.
      const context = await browser.newContext(throttle ? { viewport: { width: 390, height: 844 } } : {});
      const page = await context.newPage();
      if (throttle) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: PHONE.latency,
          downloadThroughput: PHONE.downloadThroughput,
          uploadThroughput: PHONE.uploadThroughput,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
      }
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
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
  const measure = (throttle) =>
    firstContentfulPaint(`${ctx.api.url}/`, ctx.smoke ? 1 : 5, throttle).catch((error) => ({
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    }));
  const homeFast = await measure(false);
  const homePhone = await measure(true);
  const ms = (r) => (r.error ? `not measured (${r.error})` : `${r.median?.toFixed(0)} ms`);
  return {
    rows: [
      {
        id: 'B6b',
        scenario: 'web: home page first contentful paint, phone profile (1.6 Mbps, 150 ms RTT, 4x CPU) vs unthrottled',
        measured: `phone median ${ms(homePhone)}; unthrottled median ${ms(homeFast)} (cold cache, ${ctx.smoke ? 1 : 5} loads each)`,
        target: 'phone FCP ≤ 1.2 s',
        met: homePhone.error ? false : homePhone.median <= 1200,
      },
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
    data: { assets, jsGzip, cssGzip, fcp, homeFast, homePhone },
  };
}
