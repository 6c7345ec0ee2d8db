import { Injectable } from '@nestjs/common';
import type { AdminUserView, ModerationTargetType, Role } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { AppError, notFound } from '../../common/app-error.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersRepository } from '../../users/users.repository.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import { LogRepository } from '../log/log.repository.js';
import { TargetRegistry } from '../targets/target-registry.js';

/**
 * Admin tools: roles, lifting suspensions and unmasking. `setRole` is shared with the CLI
 * (pass `actor = null` there) so both follow the same rules and both are logged.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly directory: AdminUsersRepository,
    private readonly log: LogRepository,
    private readonly targets: TargetRegistry,
  ) {}

  async find(q: string | undefined): Promise<AdminUserView[]> {
    const rows = q ? await this.directory.search(q, 50) : await this.users.listStaff();
    return rows.map(toAdminUserView);
  }

  async setRole(username: string, role: Role, actor: AuthUser | null = null): Promise<AdminUserView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound(`The member "${username}"`);
    if (actor && actor.id === user.id) {
      throw new AppError('bad_request', 'You cannot change your own role; ask another admin.');
    }
    if (user.role !== role) {
      await this.users.setRole(user.id, role);
      await this.log.append({
        moderatorId: actor?.id ?? null,
        moderatorUsername: actor?.username ?? null,
        action: 'role_change',
        targetType: 'user',
        targetId: null,
        excerpt: `${user.username}: ${user.role} → ${role}`,
        reason: null,
        message: actor ? null : 'Changed from the command line.',
      });
    }
    return toAdminUserView({ ...user, role });
  }

  /**
   * Lifts a member's suspension, if they have one. The answer and the log entry are the same
   * whether or not they were suspended, so this cannot be used to find out who was suspended
   * through an anonymous post (nor when).
   */
  async liftSuspension(username: string, actor: AuthUser | null = null): Promise<AdminUserView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound(`The member "${username}"`);
    if (user.suspendedUntil) await this.users.setSuspendedUntil(user.id, null);
    // No name here: the log is read by every moderator, and a suspension comes through content.
    await this.log.append({
      moderatorId: actor?.id ?? null,
      moderatorUsername: actor?.username ?? null,
      action: 'lift_suspension',
      targetType: 'user',
      targetId: null,
      excerpt: "A member's suspension, if any, was lifted.",
      reason: null,
      message: null,
    });
    return toAdminUserView(user);
  }

  /** Admin-only: who wrote a piece of content. The reason is logged for every moderator to see. */
  async unmask(
    admin: AuthUser,
    request: { targetType: ModerationTargetType; targetId: string; reason: string },
  ): Promise<{ username: string | null }> {
    const target = await this.targets.require(request.targetType, request.targetId);
    const author = target.authorId ? await this.users.findById(target.authorId) : null;
    await this.log.append({
      moderatorId: admin.id,
      moderatorUsername: admin.username,
      action: 'unmask',
      targetType: request.targetType,
      targetId: request.targetId,
      excerpt: target.excerpt,
      reason: 'unmask',
      message: request.reason,
    });
    return { username: author?.username ?? null };
  }
}

export function toAdminUserView(user: Pick<UserEntity, 'username' | 'role' | 'createdAt'>): AdminUserView {
  return { username: user.username, role: user.role, createdAt: user.createdAt.toISOString() };
}
