import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { SessionRevocation } from './session-revocation.service.js';
import { SocketAuthService } from './socket-auth.service.js';
import { TokenService } from './token.service.js';
import { UserCache } from './user-cache.service.js';

@Global()
@Module({
  imports: [UsersModule, PassportModule, JwtModule.register({})],
  controllers: [AuthController],
  providers: [AuthService, TokenService, JwtStrategy, SocketAuthService, SessionRevocation, UserCache],
  exports: [AuthService, TokenService, SocketAuthService, SessionRevocation, UserCache, UsersModule],
})
export class AuthModule {}
