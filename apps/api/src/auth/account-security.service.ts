import { Injectable } from '@nestjs/common';
import type { AuthResponse, DeviceSessionView } from '@kindred/contracts';
import * as argon2 from 'argon2';
import { AppError } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import { toUserView } from '../users/user.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth-user.js';
import { AuthService, fieldError, type RequestContext } from './auth.service.js';
import type { ChangePasswordDto, RecoverDto, ResetDto } from './dto/credentials.dto.js';
import { passwordProblem } from './password/password-policy.js';
import { RecoveryCodesService } from './recovery/recovery-codes.service.js';
import { RESET_LINK_MINUTES, ResetLinksRepository } from './reset/reset-links.repository.js';
import { SessionRevocation } from './session-revocation.service.js';
import { SessionCache } from './sessions/session-cache.service.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { GuessThrottle } from './throttle/guess-throttle.js';
import { TokenService } from './token.service.js';

/** Password change, recovery codes, recovery, and the list of signed-in devices. */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    private readonly revocation: SessionRevocation,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly throttle: GuessThrottle,
    private readonly resetLinks: ResetLinksRepository,
  ) {}

  /** New password; every other session ends, this one stays signed in. */
  async changePassword(user: AuthUser, dto: ChangePasswordDto, context: RequestContext): Promise<void> {
    await this.confirmPassword(user, dto.currentPassword, context);
    const problem = passwordProblem(dto.newPassword, user.username);
    if (problem) throw fieldError('newPassword', problem);
    await this.users.setPasswordHash(user.id, await argon2.hash(dto.newPassword, { type: argon2.argon2id }));
    await this.endOtherSessions(user);
  }

  /** A new set of recovery codes (shown once); the old set stops working. */
  async regenerateCodes(user: AuthUser, currentPassword: string, context: RequestContext): Promise<string[]> {
    await this.confirmPassword(user, currentPassword, context);
    return this.recoveryCodes.issue(user.id);
  }

  markCodesSaved(user: AuthUser): Promise<void> {
    return this.recoveryCodes.markSaved(user.id);
  }

  /**
   * Signs in with a recovery code and sets a new password: the code is burnt and every other
   * session ends. A wrong code, a used code and an unknown username get the same 401 after the
   * same work (one database read, one hash), and count towards the same guess throttle.
   */
  async recover(dto: RecoverDto, context: RequestContext): Promise<AuthResponse> {
    await this.throttle.check('recover', dto.username, context.clientKey);
    const problem = passwordProblem(dto.newPassword, dto.username);
    if (problem) throw fieldError('newPassword', problem);
    const user = await this.users.findByUsername(dto.username);
    const ok = await this.recoveryCodes.consume(user?.id ?? null, dto.code);
    if (!user || !ok) {
      await this.throttle.failed('recover', dto.username, context.clientKey);
      throw new AppError('wrong_code', 'errors.auth.wrongCode');
    }
    await this.throttle.succeeded('recover', dto.username, context.clientKey);
    return this.startOver(user.id, dto.newPassword, context);
  }

  /** New password; every token so far stops (old ones without a session too), every socket drops; a new session here. */
  private async startOver(userId: string, newPassword: string, context: RequestContext): Promise<AuthResponse> {
    await this.users.setPasswordHash(userId, await argon2.hash(newPassword, { type: argon2.argon2id }));
    await this.users.bumpTokenVersion(userId);
    await this.sessions.deleteAllBut(userId, null);
    this.revocation.revoke(userId);
    const fresh = await this.users.findById(userId);
    if (!fresh) throw new AppError('not_found', 'errors.auth.accountGone');
    return { user: toUserView(fresh), token: await this.tokens.issue(fresh, context.userAgent) };
  }

  /**
   * Spends an operator's one-time reset link: a new password, every session ended, signed in
   * here. An unknown, used or expired link is 410 with what to do.
   */
  async reset(dto: ResetDto, context: RequestContext): Promise<AuthResponse> {
    // The password is checked first, so a weak one does not spend the link.
    const problem = passwordProblem(dto.newPassword);
    if (problem) throw fieldError('newPassword', problem);
    const link = await this.resetLinks.use(dto.token);
    if (!link.ok) {
      throw new AppError('link_expired', msg('errors.auth.resetLinkExpired', { minutes: RESET_LINK_MINUTES }));
    }
    return this.startOver(link.userId, dto.newPassword, context);
  }

  async listSessions(user: AuthUser): Promise<DeviceSessionView[]> {
    const rows = await this.sessions.listForUser(user.id);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      current: row.id === user.sessionId,
      label: row.label,
    }));
  }

  /** Signs one device out: its token stops and its sockets drop, on every process. */
  async endSession(user: AuthUser, sessionId: string): Promise<void> {
    if (!(await this.sessions.delete(user.id, sessionId))) {
      throw new AppError('not_found', 'errors.auth.sessionGone');
    }
    this.forgetLocally([sessionId]);
  }

  /** "Sign out everywhere else". */
  async endOtherSessions(user: AuthUser): Promise<void> {
    if (!user.sessionId) {
      // A token from before sessions cannot be told apart from the others: end them all.
      await this.auth.signOutEverywhere(user);
      return;
    }
    this.forgetLocally(await this.sessions.deleteAllBut(user.id, user.sessionId));
  }

  private forgetLocally(ids: string[]): void {
    // The delete trigger's notification does this on every process; here it happens before we answer.
    for (const id of ids) {
      this.sessionCache.forget(id);
      this.revocation.disconnectSession(id);
    }
  }

  private async confirmPassword(user: AuthUser, password: string, context: RequestContext): Promise<void> {
    await this.throttle.check('login', user.username, context.clientKey);
    if (!(await this.auth.verifyPassword(user.id, password))) {
      await this.throttle.failed('login', user.username, context.clientKey);
      throw new AppError('wrong_password', 'errors.auth.wrongPassword', {
        fields: [{ field: 'currentPassword', reason: 'validation.auth.notCurrentPassword' }],
      });
    }
  }
}
