import { Injectable } from '@nestjs/common';
import type { AuthResponse, UserView } from '@kindred/contracts';
import * as argon2 from 'argon2';
import { AppError } from '../common/app-error.js';
import { toUserView } from '../users/user.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth-user.js';
import type { LoginDto, RegisterDto } from './dto/credentials.dto.js';
import { passwordProblem } from './password/password-policy.js';
import { SessionRevocation } from './session-revocation.service.js';
import { TokenService } from './token.service.js';

const WRONG_CREDENTIALS = 'That username and password do not match an account.';

@Injectable()
export class AuthService {
  // A real hash, so that a login for an unknown username takes as long as one for a real account.
  private readonly dummyHash = argon2.hash('kindred-timing-equaliser', { type: argon2.argon2id });

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly revocation: SessionRevocation,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponse> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw fieldError('password', problem);
    if (await this.users.findByUsername(dto.username)) {
      throw new AppError('username_taken', 'That username is taken; please choose another.', {
        fields: [{ field: 'username', reason: 'is already taken' }],
      });
    }
    const passwordHash = await argon2.hash(dto.password, { type: argon2.argon2id });
    let user;
    try {
      user = await this.users.create({ username: dto.username, passwordHash });
    } catch (error) {
      // Two registrations raced for the same name: the unique index decided.
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('username_taken', 'That username is taken; please choose another.');
      }
      throw error;
    }
    return { user: toUserView(user), token: await this.tokens.issue(user) };
  }

  async login(dto: LoginDto): Promise<AuthResponse> {
    const user = await this.users.findByUsername(dto.username);
    if (!user) {
      await argon2.verify(await this.dummyHash, dto.password).catch(() => false);
      throw new AppError('invalid_credentials', WRONG_CREDENTIALS);
    }
    const ok = await argon2.verify(user.passwordHash, dto.password).catch(() => false);
    if (!ok) throw new AppError('invalid_credentials', WRONG_CREDENTIALS);
    return { user: toUserView(user), token: await this.tokens.issue(user) };
  }

  async me(auth: AuthUser): Promise<UserView> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new AppError('unauthorized', 'Please sign in again.');
    return toUserView(user);
  }

  async updateSettings(auth: AuthUser, anonymousByDefault: boolean): Promise<UserView> {
    await this.users.setAnonymousByDefault(auth.id, anonymousByDefault);
    return this.me(auth);
  }

  /** "Sign out everywhere": every token issued so far stops working at once. */
  async signOutEverywhere(auth: AuthUser): Promise<void> {
    await this.users.bumpTokenVersion(auth.id);
    this.revocation.revoke(auth.id);
  }

  /** Checks a password for actions that need it again (e.g. deleting the account). */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (!user) return false;
    return argon2.verify(user.passwordHash, password).catch(() => false);
  }
}

function fieldError(field: string, reason: string): AppError {
  return new AppError('validation_failed', `${field}: ${reason}.`, { fields: [{ field, reason }] });
}
