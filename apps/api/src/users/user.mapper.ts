import type { UserView } from '@kindred/contracts';
import type { UserEntity } from './user.entity.js';

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    suspendedUntil: user.suspendedUntil && user.suspendedUntil > new Date() ? user.suspendedUntil.toISOString() : null,
    anonymousByDefault: user.anonymousByDefault,
  };
}
