import { UserCache } from '../../auth/user-cache.service.js';
import { Injectable } from '@nestjs/common';
import type { AdminUserList, AdminUserView, ModerationTargetType, Role, SuspendUserRequest } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { PERMANENT_SUSPENSION } from '../../auth/suspension.js';
import { AppError, notFound } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { decodeCursor, encodeCursor } from '../../common/cursor.js';
import { MemberEventsGateway } from '../member-events.gateway.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { untilText } from '../notices/notice-text.js';
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
    private readonly notices: NoticesRepository,
    private readonly member: MemberEventsGateway,
    private readonly accounts: UserCache,
  ) {}

  /**
   * Any member by username prefix, keyset-paged; without a search, the moderators and admins.
   * No suspension state either way (see AdminUserView).
   */
  async find(q: string | undefined, options: { cursor?: string; limit?: number } = {}): Promise<AdminUserList> {
    if (!q) return { users: (await this.users.listStaff()).map(toAdminUserView), nextCursor: null };
    const limit = options.limit ?? DEFAULT_USERS_PAGE;
    const decoded = decodeCursor(options.cursor, ['string']);
    const after = decoded ? String(decoded[0]) : null;
    if (after !== null && after.length > 100) throw badCursor();
    const rows = await this.directory.search(q, limit, after);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return {
      users: page.map(toAdminUserView),
      nextCursor: more ? encodeCursor([page[page.length - 1].username.toLowerCase()]) : null,
    };
  }

  /**
   * Suspends a member by name (the users screen). The same rules as a suspension through content:
   * never yourself; and never an admin (change their role first). The member gets a kind notice
   * and hears it live; the answer carries no suspension state, like every other answer here.
   */
  async suspend(username: string, request: SuspendUserRequest, actor: AuthUser): Promise<AdminUserView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound(msg('errors.notFound.memberNamed', { username }));
    if (user.id === actor.id) throw new AppError('forbidden', 'errors.moderation.suspendSelf');
    if (user.role === 'admin') {
      throw new AppError('forbidden', msg('errors.admin.suspendAdmin', { name: user.username }));
    }
    const permanent = request.days === null;
    const until = request.days === null ? PERMANENT_SUSPENSION : new Date(Date.now() + request.days * DAY_MS);
    await this.users.setSuspendedUntil(user.id, until);
    await this.notices.create({
      userId: user.id,
      kind: 'suspension',
      targetType: null,
      targetId: null,
      excerpt: null,
      reason: request.reason,
      message: request.message?.trim() || null,
      suspendedUntil: until,
      appealable: false,
    });
    // Named: this suspension is made by name, not through a piece of content.
    await this.log.append({
      moderatorId: actor.id,
      moderatorUsername: actor.username,
      action: 'suspend_author',
      targetType: 'user',
      targetId: null,
      excerpt: `${user.username}: suspended ${untilText(until, permanent)} (users screen)`,
      reason: request.reason,
      message: request.message?.trim() || null,
    });
    this.member.suspended(user.id, until, permanent);
    return toAdminUserView(user);
  }

  async setRole(username: string, role: Role, actor: AuthUser | null = null): Promise<AdminUserView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound(msg('errors.notFound.memberNamed', { username }));
    if (actor && actor.id === user.id) {
      throw new AppError('bad_request', 'errors.admin.ownRole');
    }
    if (user.role !== role) {
      await this.users.setRole(user.id, role);
      // The trigger's notification drops cached copies on every process; here before we answer,
      // so the member's very next request has the new role (a CI run saw the old one, 403).
      this.accounts.invalidate(user.id);
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
    if (!user) throw notFound(msg('errors.notFound.memberNamed', { username }));
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

const DEFAULT_USERS_PAGE = 50;
const DAY_MS = 24 * 3600 * 1000;
const badCursor = (): AppError =>
  new AppError('bad_cursor', 'errors.common.badCursor', {
    fields: [{ field: 'cursor', reason: 'validation.common.cursor' }],
  });

export function toAdminUserView(user: Pick<UserEntity, 'username' | 'role' | 'createdAt'>): AdminUserView {
  return { username: user.username, role: user.role, createdAt: user.createdAt.toISOString() };
}
