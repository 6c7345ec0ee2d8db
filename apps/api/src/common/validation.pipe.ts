import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { assertSafePayload } from './json-depth.js';
import { validationFailed } from './validation-errors.js';

/**
 * ValidationPipe that first refuses payloads nested absurdly deep (class-transformer's recursion
 * would overflow: a 500) or carrying `__proto__`/`constructor`/`prototype` keys (class-transformer
 * throws on a nested "constructor": a 500). Only for values it validates: this pipe also runs on
 * socket events, whose socket object (type "custom") is deep by nature and whose payloads are typed
 * `unknown` — handleSocketEvent checks those itself so that a bad one gets an error ack.
 */
class KindredValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom' && this.toValidate(metadata)) assertSafePayload(value);
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, and every failure names the field and the reason. */
export function createValidationPipe(): ValidationPipe {
  return new KindredValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationFailed,
  });
}
