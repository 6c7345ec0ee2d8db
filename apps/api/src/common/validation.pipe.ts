import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { AppError } from './app-error.js';
import { assertShallow } from './json-depth.js';
import { fieldErrors } from './validation-errors.js';

/** ValidationPipe that first refuses absurdly deep payloads, which would overflow class-transformer's stack (a 500). */
class KindredValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only client input: a gateway's @ConnectedSocket() (type "custom") is a server object whose
    // graph (adapter, Redis clients…) is deep by nature, and walking it on every event is costly.
    if (metadata.type !== 'custom') assertShallow(value);
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, and every failure names the field and the reason. */
export function createValidationPipe(): ValidationPipe {
  return new KindredValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new AppError('validation_failed', fields.map((f) => `${f.field}: ${f.reason}`).join('; '), { fields });
    },
  });
}
