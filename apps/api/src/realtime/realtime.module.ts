import { Module } from '@nestjs/common';
import { SessionGateway } from './session.gateway.js';

@Module({ providers: [SessionGateway] })
export class RealtimeModule {}
