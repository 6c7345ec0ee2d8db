import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module.js';
import { AccountSecurityController } from './account-security.controller.js';
import { AccountSecurityService } from './account-security.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { RecoveryCodesRepository } from './recovery/recovery-codes.repository.js';
import { RecoveryCodesService } from './recovery/recovery-codes.service.js';
import { PasskeysController } from './passkeys/passkeys.controller.js';
import { PasskeysRepository } from './passkeys/passkeys.repository.js';
import { PasskeysService } from './passkeys/passkeys.service.js';
import { ResetLinksRepository } from './reset/reset-links.repository.js';
import { SessionRevocation } from './session-revocation.service.js';
import { SessionCache } from './sessions/session-cache.service.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { SocketAuthService } from './socket-auth.service.js';
import { GuessThrottle } from './throttle/guess-throttle.js';
import { TokenService } from './token.service.js';
import { UserCache } from './user-cache.service.js';

@Global()
@Module({
  imports: [UsersModule, PassportModule, JwtModule.register({})],
  controllers: [AuthController, AccountSecurityController, PasskeysController],
  providers: [
    AuthService,
    TokenService,
    JwtStrategy,
    SocketAuthService,
    SessionRevocation,
    UserCache,
    SessionsRepository,
    SessionCache,
    RecoveryCodesRepository,
    RecoveryCodesService,
    GuessThrottle,
    AccountSecurityService,
    ResetLinksRepository,
    PasskeysRepository,
    PasskeysService,
  ],
  exports: [AuthService, TokenService, SocketAuthService, SessionRevocation, UserCache, UsersModule, GuessThrottle],
})
export class AuthModule {}
