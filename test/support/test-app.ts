import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthResponse } from '@kindred/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { createTestDatabase } from './test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  config: AppConfig;
  dataSource: DataSource;
  /** fetch against the app, JSON in and out. */
  api<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  register(username?: string, password?: string): Promise<AuthResponse>;
  /** A real socket.io client on a namespace; closed by close(). */
  socket(namespace?: string, token?: string): Socket;
  close(): Promise<void>;
}

let counter = 0;
export const uniqueName = (prefix = 'user'): string =>
  `${prefix}_${process.pid.toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`.slice(
    0,
    24,
  );

/**
 * Boots the real app on a random port against its own fresh database (migrations and seeds run
 * as in production). `env` overrides configuration for a test; `overrides` sets fields that do
 * not come from the environment (e.g. `logStream` to capture the logs).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: Partial<AppConfig> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'kindred-test-data-'));
  const config: AppConfig = {
    ...loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      // Every test registers and posts from 127.0.0.1 with brand-new accounts: generous limits here;
      // test/e2e/limits.e2e-spec.ts runs with the real defaults.
      REGISTRATIONS_PER_DAY: '100000',
      LOGIN_ATTEMPTS_PER_CLIENT: '100000',
      WRITES_PER_MINUTE: '100000',
      NEW_MEMBER_HOURS: '0',
      SOCKET_EVENTS_PER_ACCOUNT_10S: '100000',
      SOCKET_EVENTS_PER_CLIENT_10S: '100000',
      SOCKETS_PER_ACCOUNT: '100000',
      SOCKETS_PER_CLIENT: '100000',
      CONNECTIONS_PER_CLIENT: '100000',
      SEARCHES_PER_MINUTE: '100000',
      ...env,
    }),
    ...overrides,
  };
  const app = await createApp(config, database.url);
  await app.listen(config.port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const sockets: Socket[] = [];

  const api: TestApp['api'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    } else if (options.raw !== undefined) {
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (e.g. an .ics file) */
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  return {
    app,
    baseUrl,
    config,
    dataSource: app.get(DataSource),
    api,
    async register(username = uniqueName(), password = 'a long and good passphrase') {
      const res = await api<AuthResponse>('POST', '/api/auth/register', { body: { username, password } });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    socket(namespace = '/', token?: string) {
      const socket = io(baseUrl + namespace, {
        transports: ['websocket'],
        auth: token ? { token } : {},
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      sockets.forEach((s) => s.close());
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the ack of an event (socket.io's emitWithAck, with a timeout). */
export function emitAck<T = unknown>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves when the socket has connected, or rejects with the handshake refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** The next occurrence of an event. */
export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
