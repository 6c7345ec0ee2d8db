import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { AuthUser, JwtPayload } from './auth-user.js';
import { jwtVerificationKey, TokenService } from './token.service.js';

/** passport-jwt checks signature (HS256 only, so `alg: none` fails) and expiry; TokenService checks the rest. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtVerificationKey(config.jwtSecret),
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload): Promise<AuthUser | false> {
    return (await this.tokens.fromPayload(payload)) ?? false;
  }
}
