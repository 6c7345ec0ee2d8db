import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/config.js';

/**
 * The one pino logger of a process: JSON lines (production, pipes, log collectors) or, in a
 * terminal, short human-readable lines (LOG_FORMAT=auto|pretty|json). LOG_LEVEL wins either way.
 */
export function createRootLogger(config: AppConfig): Logger {
  const destination: DestinationStream | undefined =
    config.logStream ??
    (config.logFormat === 'pretty'
      ? pretty({
          colorize: true,
          sync: true,
          ignore: 'pid,hostname,context',
          messageFormat: '{if context}{context}: {end}{msg}',
        })
      : undefined);
  return destination
    ? pino({ level: config.logLevel, base: undefined }, destination)
    : pino({ level: config.logLevel, base: undefined });
}

/**
 * One line per API request: method, route, status and duration — never the IP address, the
 * headers (tokens), the query string (search terms) or the body.
 */
export function createRequestLogger(logger: Logger): HttpLogger {
  const options: Options = {
    logger,
    quietReqLogger: true,
    genReqId: () => undefined as unknown as string,
    customProps: () => ({}),
    serializers: {
      req: (req: IncomingMessage & { route?: { path?: string }; originalUrl?: string }) => ({
        method: req.method,
        route: routeOf(req),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${routeOf(req)} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    autoLogging: { ignore: (req) => !(req.url ?? '').startsWith('/api/') },
  };
  return pinoHttp(options);
}

/**
 * Nest's start-up chatter (a line per module, controller and route: about 120 lines) is debug, not
 * info, so the first screen an operator sees says what matters.
 */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController']);

/** Nest's LoggerService over pino: `log(message, context)` becomes `{ context, msg }`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    this.write(context && BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, contextOf(rest));
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, contextOf(rest));
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, contextOf(rest));
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, contextOf(rest));
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, contextOf(rest));
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, context?: string) {
    if (!this.logger.isLevelEnabled(level)) return;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}

/** Nest passes the context as the last string argument (after an optional stack for errors). */
function contextOf(rest: unknown[]): string | undefined {
  const last = rest.at(-1);
  return typeof last === 'string' ? last : undefined;
}

/** The matched route pattern when known (`/api/threads/:id`), else the path without its query. */
function routeOf(req: IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string }): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}
