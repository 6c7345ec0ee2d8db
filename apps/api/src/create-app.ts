import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { toErrorBody } from './common/http-exception.filter.js';
import { applyHttpLimits } from './common/http-limits.js';
import { KindredIoAdapter } from './common/kindred-io.adapter.js';
import { applySecurityHeaders } from './common/security.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/config.js';

export const BODY_LIMIT = '64kb';

/** Builds the whole server (REST + sockets + the built web app) without listening. Used by main and the tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
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
  app.use(bodyErrorHandler);

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

/** Malformed JSON → 400 and over 64 KB → 413, in the same error shape as everything else. */
function bodyErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!error) return next();
  const body = toErrorBody(error, new NestLogger('Body'));
  res.status(body.statusCode).json(body);
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

/** The built Svelte app at `/`, with client-side routes falling back to index.html. */
function serveWebApp(app: NestExpressApplication, distDir: string): void {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    new NestLogger('Web').warn(`No web build at ${distDir}; run "npm run build" (npm start does it for you).`);
    return;
  }
  const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io');
  // API requests skip the static files: express.static would stat the disk for every one of them.
  const files = express.static(distDir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApi(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
