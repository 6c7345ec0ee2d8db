import { Inject, Injectable } from '@nestjs/common';
import type { DeleteAccountRequest, ExportDocument } from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthService } from '../auth/auth.service.js';
import { SessionRevocation } from '../auth/session-revocation.service.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrivacyRepository } from './privacy.repository.js';

@Injectable()
export class PrivacyService {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly auth: AuthService,
    private readonly revocation: SessionRevocation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One JSON document with everything tied to the account. Aliases appear only here, for their owner. */
  async export(user: AuthUser): Promise<ExportDocument> {
    const profile = await this.auth.me(user);
    const [threads, posts, reactions, flags, rsvps, chatMessages, milestones, notices] = await Promise.all([
      this.repo.threads(user.id),
      this.repo.posts(user.id),
      this.repo.reactions(user.id),
      this.repo.flags(user.id),
      this.repo.rsvps(user.id),
      this.repo.chatMessages(user.id),
      this.repo.milestones(user.id),
      this.repo.notices(user.id),
    ]);
    return {
      format: 'kindred-export/1',
      exportedAt: new Date().toISOString(),
      profile,
      threads,
      posts,
      reactions,
      flags,
      rsvps,
      chatMessages,
      milestones,
      notices,
    };
  }

  /** Deletes the account after checking the password again; every token stops working at once. */
  async deleteAccount(user: AuthUser, request: DeleteAccountRequest): Promise<void> {
    if (!(await this.auth.verifyPassword(user.id, request.password))) {
      throw new AppError('forbidden', 'errors.privacy.wrongPassword', {
        fields: [{ field: 'password', reason: 'validation.privacy.wrongPassword' }],
      });
    }
    await this.repo.deleteAccount(user.id, request.mode === 'erase', this.config.eraseWindowSeconds);
    // Tokens name a user row that no longer exists, so they are refused from now on;
    // live sockets are closed now rather than at the next sweep.
    this.revocation.revoke(user.id);
  }
}
