import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of the web app: scripts, styles, images, fonts and connections
 * from Kindred itself only — no CDN, font service or analytics can be loaded, even by accident.
 * Inline style attributes are allowed because Svelte sets some (transitions, dynamic widths);
 * inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // 'self' covers the same-origin socket.io WebSocket (ws:/wss: on this host) in CSP level 3.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Security headers on every response (helmet): the CSP above, `Referrer-Policy: no-referrer`
 * so that following a link out of Kindred never reveals which thread someone was reading,
 * no MIME sniffing, no framing. The Swagger UI at /api/docs uses only external scripts, so
 * it runs under the same policy.
 */
export function applySecurityHeaders(app: NestExpressApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      frameguard: { action: 'deny' },
    }),
  );
}
