import { Global, Module } from '@nestjs/common';
import { HttpClientErrors } from './client-errors.js';
import { DomainEvents } from './domain-events.js';

@Global()
@Module({ providers: [DomainEvents, HttpClientErrors], exports: [DomainEvents] })
export class CommonModule {}
