import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A raw GET (fetch would ask for and undo compression itself). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('delivery to a phone: compressed, cacheable assets', () => {
  let t: TestApp;
  const js = `console.log(${JSON.stringify('kindred '.repeat(400))});`;

  beforeAll(async () => {
    // A web build as Vite writes it: hashed assets with .br and .gz copies beside them.
    const dist = mkdtempSync(join(tmpdir(), 'kindred-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kindred</title>');
    writeFileSync(join(dist, 'assets/index-AbC123_x.js'), js);
    writeFileSync(join(dist, 'assets/index-AbC123_x.js.br'), brotliCompressSync(js));
    writeFileSync(join(dist, 'assets/index-AbC123_x.js.gz'), gzipSync(js));
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(() => t.close());

  it('serves the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const res = await rawGet(`${t.baseUrl}/assets/index-AbC123_x.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body.length).toBeLessThan(js.length / 4);
  });

  it('serves gzip to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await rawGet(`${t.baseUrl}/assets/index-AbC123_x.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await rawGet(`${t.baseUrl}/assets/index-AbC123_x.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('revalidates index.html and unhashed files every time', async () => {
    const index = await rawGet(`${t.baseUrl}/boards/anything`, { 'accept-encoding': 'br' });
    expect(index.headers['cache-control']).toBe('no-cache');
    const icon = await rawGet(`${t.baseUrl}/favicon.svg`, {});
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a deep link with a malformed escape with the app (its not-found screen), not a bare 400', async () => {
    for (const path of ['/members/%', '/threads/%E0%A4%A', '/boards/%zz%3Cscript%3E', '/%']) {
      const res = await rawGet(`${t.baseUrl}${path}`, {});
      expect({ path, status: res.status, body: res.body.toString() }).toEqual({
        path,
        status: 200,
        body: '<!doctype html><title>Kindred</title>',
      });
    }
  });

  it('compresses API JSON over 1 KB, and leaves small answers alone', async () => {
    const big = await rawGet(`${t.baseUrl}/api/articles`, { 'accept-encoding': 'gzip' });
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.body).toString())).toBeTruthy();
    const small = await rawGet(`${t.baseUrl}/api/health`, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
