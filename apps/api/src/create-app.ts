import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module.js';
import { sendError } from './common/http-exception.filter.js';
import { createRequestLogger, createRootLogger, PinoNestLogger } from './common/logging.js';
import { applyHttpLimits } from './common/http-limits.js';
import { KindredIoAdapter } from './common/kindred-io.adapter.js';
import { applySecurityHeaders } from './common/security.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/config.js';
import { RequestLocale } from './i18n/request-locale.js';

export const BODY_LIMIT = '64kb';

/** Builds the whole server (REST + sockets + the built web app) without listening. Used by main and the tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const logger = createRootLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  app.use(createRequestLogger(logger));
  applyHttpLimits(app.getHttpServer() as Server, config.http, config);
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  applySecurityHeaders(app);

  // The one route that takes a CSV body (an admin importing watched words).
  app.use('/api/admin/watched-words/import', express.text({ type: ['text/csv', 'text/plain'], limit: BODY_LIMIT }));
  app.use(express.json({ limit: BODY_LIMIT }));
  // Any other body is read up to the same limit (over it: 413) and then dropped: no route takes it.
  app.use(express.raw({ type: () => true, limit: BODY_LIMIT }), dropUnparsedBody);
  // API answers over 1 KB are compressed for clients that ask; sockets and static files are not
  // (static files are compressed once, at build time).
  app.use('/api', compression({ threshold: 1024 }));
  app.use(bodyErrorHandler(app.get(RequestLocale)));

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new KindredIoAdapter(app, config));
  setUpOpenApi(app);
  serveWebApp(app, config.webDistDir);
  return app;
}

function dropUnparsedBody(req: Request, _res: Response, next: NextFunction): void {
  if (Buffer.isBuffer(req.body)) req.body = undefined;
  next();
}

/** Malformed JSON → 400 and over 64 KB → 413, in the same error shape (and language) as everything else. */
function bodyErrorHandler(locales: RequestLocale) {
  const logger = new NestLogger('Body');
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!error) return next();
    sendError(error, req, res, locales, logger).catch((failure: unknown) =>
      logger.error(`Could not send an error answer: ${String(failure)}`),
    );
  };
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kindred API')
      .setDescription('Peer support for recovery from opioid addiction: boards, meetings, library and moderation.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs.json' });
}

/** Whether decodeURIComponent accepts `path` (it throws a URIError on a malformed escape). */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function setCacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader(
    'Cache-Control',
    /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8}(\.\w+)+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/** The built Svelte app at `/`, with client-side routes falling back to index.html. */
function serveWebApp(app: NestExpressApplication, distDir: string): void {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    new NestLogger('Web').warn(`No web build at ${distDir}; run "npm run build" (npm start does it for you).`);
    return;
  }
  const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io');
  // API requests skip the static files: express.static would stat the disk for every one of them.
  // Pre-compressed .br/.gz copies are chosen by Accept-Encoding (with Vary); hashed assets never
  // change, so they are cached for a year; anything else is revalidated.
  const files = expressStaticGzip(distDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: { index: false, setHeaders: setCacheHeaders },
  });
  // A path with a malformed escape ("/members/%", "/threads/%E0%A4%A") is no file: express-static-gzip
  // would answer it with a bare 400 page, so it goes to index.html and the app's not-found screen.
  app.use((req: Request, res: Response, next: NextFunction) =>
    isApi(req.path) || !decodable(req.path) ? next() : files(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApi(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
