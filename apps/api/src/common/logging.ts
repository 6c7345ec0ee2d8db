import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/config.js';

/**
 * One JSON line per request: method, route, status and duration — never the IP address, the
 * headers (tokens), the query string (search terms) or the body.
 */
export function loggerParams(config: AppConfig): Params {
  const options: Exclude<Params['pinoHttp'], unknown[] | undefined> = {
    level: config.logLevel,
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
  return { pinoHttp: config.logStream ? [options, config.logStream] : options };
}

/** The matched route pattern when known (`/api/threads/:id`), else the path without its query. */
function routeOf(req: IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string }): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}
