import { startTestApp, type TestApp } from '../support/test-app.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends a self-only Content-Security-Policy and no referrer on API responses', async () => {
    const res = await t.api('GET', '/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the same headers on errors and on the OpenAPI docs', async () => {
    const missing = await t.api('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('referrer-policy')).toBe('no-referrer');
    const docs = await fetch(`${t.baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The Swagger UI loads its scripts from files, never inline, so the strict policy holds.
    const html = await docs.text();
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
