import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DEFAULT_LOCALE, translate, type MessageKey } from '../i18n/i18n.js';

const RESPONSES: Record<string, { status: number; reason: string; code: string; message: MessageKey }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'payload_too_large',
    message: 'errors.http.headersTooLong',
  },
  // HTTP_HEADERS_TIMEOUT_S / HTTP_REQUEST_TIMEOUT_S ran out (see http-limits.ts).
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'bad_request',
    message: 'errors.http.requestTimeout',
  },
};

/**
 * Requests Node's HTTP parser rejects before Express sees them (a URL over 16 KB, broken HTTP)
 * get the same JSON error shape as every other 4xx instead of an empty body. Their headers were
 * never read, so there is no Accept-Language: the words are English.
 */
@Injectable()
export class HttpClientErrors implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.on !== 'function' || server.listenerCount('clientError') > 0) return;
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
      const known = error.code ? RESPONSES[error.code] : undefined;
      const status = known?.status ?? 400;
      const body = JSON.stringify({
        statusCode: status,
        error: known?.reason ?? 'Bad Request',
        code: known?.code ?? 'bad_request',
        message: translate(DEFAULT_LOCALE, known?.message ?? 'errors.http.unreadable'),
      });
      socket.end(
        `HTTP/1.1 ${status} ${known?.reason ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  }
}
