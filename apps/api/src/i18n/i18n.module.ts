import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RequestLocale } from './request-locale.js';

/** The locale of a request (apps/api/src/i18n): used by the global error filter. */
@Module({
  imports: [AuthModule],
  providers: [RequestLocale],
  exports: [RequestLocale],
})
export class I18nModule {}
