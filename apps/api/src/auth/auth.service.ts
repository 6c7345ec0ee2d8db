import { Injectable } from '@nestjs/common';
import type { AuthResponse, Locale, MeView, RegisterResponse } from '@kindred/contracts';
import * as argon2 from 'argon2';
import { AppError, fieldError as refuseField } from '../common/app-error.js';
import type { Message, MessageKey } from '../i18n/i18n.js';
import { ContentSafetyService } from '../safety/content-safety.service.js';
import { toUserView } from '../users/user.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth-user.js';
import type { LoginDto, RegisterDto } from './dto/credentials.dto.js';
import { passwordProblem } from './password/password-policy.js';
import { RecoveryCodesService } from './recovery/recovery-codes.service.js';
import { SessionRevocation } from './session-revocation.service.js';
import { SessionCache } from './sessions/session-cache.service.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { GuessThrottle } from './throttle/guess-throttle.js';
import { TokenService } from './token.service.js';
import { UserCache } from './user-cache.service.js';

/** Who is asking, as far as the account features need to know: never an address. */
export interface RequestContext {
  userAgent?: string;
  /** The daily HMAC of the client's address (ClientKeyService), for the guess throttle. */
  clientKey: string;
}

@Injectable()
export class AuthService {
  // A real hash, so that a login for an unknown username takes as long as one for a real account.
  private readonly dummyHash = argon2.hash('kindred-timing-equaliser', { type: argon2.argon2id });

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly revocation: SessionRevocation,
    private readonly safety: ContentSafetyService,
    private readonly sessions: SessionsRepository,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly throttle: GuessThrottle,
    private readonly sessionCache: SessionCache,
    private readonly accounts: UserCache,
  ) {}

  async register(dto: RegisterDto, context: Pick<RequestContext, 'userAgent'> = {}): Promise<RegisterResponse> {
    // A username is shown on every signed post: it passes the same safety decision as a post.
    this.safety.refuseUnsafe(dto.username.replace(/[-_.]+/g, ' '), 'username', 'username');
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw fieldError('password', problem);
    if (await this.users.findByUsername(dto.username)) {
      throw new AppError('username_taken', 'errors.auth.usernameTaken', {
        fields: [{ field: 'username', reason: 'validation.auth.usernameTaken' }],
      });
    }
    const passwordHash = await argon2.hash(dto.password, { type: argon2.argon2id });
    let user;
    try {
      user = await this.users.create({ username: dto.username, passwordHash });
    } catch (error) {
      // Two registrations raced for the same name: the unique index decided.
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('username_taken', 'errors.auth.usernameTaken');
      }
      throw error;
    }
    const [token, recoveryCodes] = await Promise.all([
      this.tokens.issue(user, context.userAgent),
      this.recoveryCodes.issue(user.id),
    ]);
    return { user: toUserView(user), token, recoveryCodes };
  }

  async login(dto: LoginDto, context: RequestContext): Promise<AuthResponse> {
    await this.throttle.check('login', dto.username, context.clientKey);
    const user = await this.users.findByUsername(dto.username);
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password).catch(() => false);
    if (!user || !ok) {
      await this.throttle.failed('login', dto.username, context.clientKey);
      throw new AppError('invalid_credentials', 'errors.auth.wrongCredentials');
    }
    await this.throttle.succeeded('login', dto.username, context.clientKey);
    return { user: toUserView(user), token: await this.tokens.issue(user, context.userAgent) };
  }

  async me(auth: AuthUser): Promise<MeView> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new AppError('unauthorized', 'errors.auth.signInAgain');
    const codes = await this.recoveryCodes.status(auth.id);
    const prefs = await this.users.notificationPrefs(auth.id);
    return { ...toUserView(user), ...prefs, recoveryCodesLeft: codes.left, recoveryCodesSaved: codes.saved };
  }

  async updateSettings(
    auth: AuthUser,
    settings: { anonymousByDefault?: boolean; autoWatch?: boolean; pushTitles?: boolean; locale?: Locale },
  ): Promise<MeView> {
    const { anonymousByDefault, autoWatch, pushTitles, locale } = settings;
    if (
      anonymousByDefault === undefined &&
      autoWatch === undefined &&
      pushTitles === undefined &&
      locale === undefined
    ) {
      throw new AppError('validation_failed', 'errors.auth.noSetting', {
        fields: [{ field: 'anonymousByDefault', reason: 'validation.auth.noSetting' }],
      });
    }
    await this.users.updateSettings(auth.id, settings);
    // The very next answer (and this member's live sockets here) speak the new language.
    if (locale !== undefined) this.revocation.languageChanged(auth.id, locale);
    return this.me(auth);
  }

  /** "Sign out" on this device: its session ends (its sockets too, on every process). */
  async signOut(auth: AuthUser): Promise<void> {
    if (!auth.sessionId) return;
    await this.sessions.delete(auth.id, auth.sessionId);
    // The delete trigger's notification does this on every process; here it happens before we
    // answer, so the very next request with this token is refused.
    this.sessionCache.forget(auth.sessionId);
    this.revocation.disconnectSession(auth.sessionId);
  }

  /** "Sign out everywhere": every token issued so far stops working at once. */
  async signOutEverywhere(auth: AuthUser): Promise<void> {
    await this.users.bumpTokenVersion(auth.id);
    await this.sessions.deleteAllBut(auth.id, null);
    this.revocation.revoke(auth.id);
  }

  /** Checks a password for actions that need it again (e.g. deleting the account). */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (!user) return false;
    return argon2.verify(user.passwordHash, password).catch(() => false);
  }
}

/** A refused password (or other account field): "field: reason." as the message. */
export function fieldError(field: string, reason: MessageKey | Message): AppError {
  return refuseField(field, reason, { summary: 'validation.summary.fieldSentence' });
}
