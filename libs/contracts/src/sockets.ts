import type { Ack } from './errors.js';
import type { Role } from './auth.js';
import type { ForumClientToServer, ForumServerToClient } from './boards.js';
import type { ChatClientToServer, ChatServerToClient } from './meetings.js';
import type { ModerationClientToServer, ModerationServerToClient, NoticeServerToClient } from './moderation.js';
import type { NotificationServerToClient } from './notifications.js';

/**
 * The typed socket.io event maps, one pair per namespace. The server uses
 * `Server<ClientToServer, ServerToClient>`, the web client `Socket<ServerToClient, ClientToServer>`.
 * Every client event takes a payload and an ack callback.
 */

export type AckFn<T extends object = object> = (ack: Ack<T>) => void;

export const NAMESPACES = { forum: '/', chat: '/chat', moderation: '/moderation' } as const;

export interface SessionClientToServer {
  /** Who this socket is signed in as (null for a guest). */
  'session:whoami': (
    payload: Record<string, never>,
    ack: AckFn<{ user: { username: string; role: Role } | null }>,
  ) => void;
}

/** Namespace "/": sessions, live threads and boards, and the member's own notices. */
export interface ClientToServerEvents extends SessionClientToServer, ForumClientToServer {}
export interface ServerToClientEvents extends ForumServerToClient, NoticeServerToClient, NotificationServerToClient {}

/** Namespace "/chat": meetings. */
export type ChatClientToServerEvents = ChatClientToServer;
export type ChatServerToClientEvents = ChatServerToClient;

/** Namespace "/moderation": moderators only. */
export type ModerationClientToServerEvents = ModerationClientToServer;
export type ModerationServerToClientEvents = ModerationServerToClient;
