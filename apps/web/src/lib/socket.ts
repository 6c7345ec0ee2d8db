import type {
  ChatClientToServerEvents,
  ChatServerToClientEvents,
  ClientToServerEvents,
  ModerationClientToServerEvents,
  ModerationServerToClientEvents,
  ServerToClientEvents,
} from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { api } from './api';
import { session } from './session.svelte';

export type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ChatSocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;
export type ModerationSocket = Socket<ModerationServerToClientEvents, ModerationClientToServerEvents>;

const sockets = new Map<string, { socket: Socket; token: string | null }>();

/**
 * One shared connection per namespace, authenticated with the current token. socket.io
 * reconnects on its own; when the member signs in or out the connection is rebuilt.
 */
function connect<S extends Socket>(namespace: string): S {
  const existing = sockets.get(namespace);
  if (existing && existing.token === session.token) return existing.socket as S;
  existing?.socket.close();
  const socket = io(namespace, {
    transports: ['websocket', 'polling'],
    auth: (cb) => cb(session.token ? { token: session.token } : {}),
  });
  sockets.set(namespace, { socket, token: session.token });
  // The server ends a socket when its session ends (signed out from another device, password
  // changed or recovered elsewhere) or the account changed. socket.io does not reconnect after
  // that by itself: ask the API whether this session still stands (a 401 signs this tab out at
  // once), and reconnect if it does.
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' || !session.token) return;
    api.get('/me').then(
      () => socket.connect(),
      () => undefined,
    );
  });
  return socket as S;
}

export const forumSocket = (): ForumSocket => connect<ForumSocket>('/');
export const chatSocket = (): ChatSocket => connect<ChatSocket>('/chat');
export const moderationSocket = (): ModerationSocket => connect<ModerationSocket>('/moderation');

/** Closes every connection (on sign-out). */
export function closeSockets(): void {
  for (const { socket } of sockets.values()) socket.close();
  sockets.clear();
}

type Handler = (...args: never[]) => void;

/**
 * Listens for a screen: `onConnect` runs now when connected and again after every reconnect
 * (where a screen re-joins its rooms), and each handler is added. The returned function
 * removes exactly what was added.
 */
export function listen<L extends { [E in keyof L]: Handler }>(
  socket: Socket<L, never>,
  onConnect: () => void,
  handlers: Partial<L>,
): () => void {
  const raw = socket as unknown as Socket;
  const entries = Object.entries(handlers) as Array<[string, (...args: unknown[]) => void]>;
  raw.on('connect', onConnect);
  for (const [event, handler] of entries) raw.on(event, handler);
  if (socket.connected) onConnect();
  return () => {
    raw.off('connect', onConnect);
    for (const [event, handler] of entries) raw.off(event, handler);
  };
}
