import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse, PasskeyView } from '@kindred/contracts';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppError } from '../../common/app-error.js';
import { msg, type Message, type MessageKey } from '../../i18n/i18n.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { toUserView } from '../../users/user.mapper.js';
import { UsersRepository } from '../../users/users.repository.js';
import type { AuthUser } from '../auth-user.js';
import type { RequestContext } from '../auth.service.js';
import { deviceLabel } from '../sessions/device-label.js';
import { TokenService } from '../token.service.js';
import { PasskeysRepository } from './passkeys.repository.js';

const failed = (reason: MessageKey | Message): AppError =>
  new AppError(
    'passkey_failed',
    msg('errors.passkeys.failed', { reason: typeof reason === 'string' ? msg(reason) : reason }),
  );

/**
 * Passkeys with @simplewebauthn/server: added from the account screen, used to sign in without
 * a username (discoverable credentials), removed at will. The relying party is PUBLIC_URL
 * (config.passkeys). Every ceremony failure is a 400 naming the reason.
 */
@Injectable()
export class PasskeysService {
  constructor(
    private readonly passkeys: PasskeysRepository,
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async registrationOptions(user: AuthUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.passkeys.listForUser(user.id);
    const options = await generateRegistrationOptions({
      rpName: 'Kindred',
      rpID: this.config.passkeys.rpId,
      userName: user.username,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await this.passkeys.saveChallenge(options.challenge, 'register', user.id);
    return options;
  }

  async register(user: AuthUser, response: RegistrationResponseJSON, context: RequestContext): Promise<PasskeyView> {
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: (challenge) => this.passkeys.takeChallenge(challenge, 'register', user.id),
        expectedOrigin: this.config.passkeys.origin,
        expectedRPID: this.config.passkeys.rpId,
        requireUserVerification: false,
      });
    } catch (error) {
      throw failed(reasonOf(error));
    }
    if (!verification.verified) throw failed('errors.passkeys.reason.notVerified');
    const { credential } = verification.registrationInfo;
    if (await this.passkeys.find(credential.id)) throw failed('errors.passkeys.reason.alreadyAdded');
    const name = deviceLabel(context.userAgent);
    await this.passkeys.add({
      id: credential.id,
      userId: user.id,
      publicKey: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name,
    });
    const row = (await this.passkeys.find(credential.id))!;
    return toPasskeyView(row);
  }

  async list(user: AuthUser): Promise<PasskeyView[]> {
    return (await this.passkeys.listForUser(user.id)).map(toPasskeyView);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    if (!(await this.passkeys.remove(user.id, id))) {
      throw new AppError('not_found', 'errors.passkeys.notOnAccount');
    }
  }

  /** Options for a username-less sign-in: no allowCredentials, so the browser offers its discoverable passkeys. */
  async signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.config.passkeys.rpId,
      userVerification: 'preferred',
    });
    await this.passkeys.saveChallenge(options.challenge, 'sign-in', null);
    return options;
  }

  async signIn(response: AuthenticationResponseJSON, context: RequestContext): Promise<AuthResponse> {
    const passkey = typeof response?.id === 'string' ? await this.passkeys.find(response.id) : null;
    if (!passkey) throw failed('errors.passkeys.reason.unknown');
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (challenge) => this.passkeys.takeChallenge(challenge, 'sign-in', null),
        expectedOrigin: this.config.passkeys.origin,
        expectedRPID: this.config.passkeys.rpId,
        credential: {
          id: passkey.id,
          publicKey: new Uint8Array(passkey.publicKey),
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: false,
      });
    } catch (error) {
      throw failed(reasonOf(error));
    }
    if (!verification.verified) throw failed('errors.passkeys.reason.notVerified');
    await this.passkeys.setCounter(passkey.id, verification.authenticationInfo.newCounter);
    const user = await this.users.findById(passkey.userId);
    if (!user) throw failed('errors.passkeys.reason.accountGone');
    return { user: toUserView(user), token: await this.tokens.issue(user, context.userAgent) };
  }
}

function toPasskeyView(row: { id: string; name: string; createdAt: Date }): PasskeyView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

function reasonOf(error: unknown): Message {
  const message = error instanceof Error ? error.message : String(error);
  if (/challenge/i.test(message)) return msg('errors.passkeys.reason.challenge');
  if (/origin/i.test(message)) return msg('errors.passkeys.reason.origin');
  if (/RP ID|rpID/i.test(message)) return msg('errors.passkeys.reason.rpId');
  // The library's own words (English), for whoever reads the logs or reports the problem.
  return msg('errors.passkeys.reason.library', { detail: message.slice(0, 200).replace(/\.$/, '') });
}
