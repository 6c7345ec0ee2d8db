import { Injectable } from '@nestjs/common';
import type { ChatClientToServer, ChatServerToClient } from '@kindred/contracts';
import type { Namespace } from 'socket.io';

export type ChatNamespace = Namespace<ChatClientToServer, ChatServerToClient>;

export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
export const facilitatorRoom = (sessionId: string): string => `session:${sessionId}:facilitators`;
export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * The one typed way to emit on "/chat": the gateway attaches its namespace at start-up; the
 * chat service and the scheduler broadcast through here (one emit per room, never per person).
 */
@Injectable()
export class ChatEmitter {
  private namespace: ChatNamespace | null = null;

  attach(namespace: ChatNamespace): void {
    this.namespace = namespace;
  }

  private get ns(): ChatNamespace {
    if (!this.namespace) throw new Error('The /chat namespace is not ready yet');
    return this.namespace;
  }

  get ready(): boolean {
    return this.namespace !== null;
  }

  session(sessionId: string) {
    return this.ns.to(sessionRoom(sessionId));
  }

  facilitators(sessionId: string) {
    return this.ns.to(facilitatorRoom(sessionId));
  }

  user(userId: string) {
    return this.ns.to(userRoom(userId));
  }

  users(userIds: string[]) {
    return this.ns.to(userIds.map(userRoom));
  }

  sockets(socketIds: string[]) {
    return this.ns.to(socketIds);
  }

  /** Takes these sockets out of a session's rooms (after a removal). */
  leaveSession(socketIds: string[], sessionId: string): void {
    if (socketIds.length === 0) return;
    this.ns.in(socketIds).socketsLeave([sessionRoom(sessionId), facilitatorRoom(sessionId)]);
  }
}
