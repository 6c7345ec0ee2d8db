import { ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error.js';
import { fieldErrors } from './validation-errors.js';

/** The global pipe: unknown fields are refused, and every failure names the field and the reason. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new AppError('validation_failed', fields.map((f) => `${f.field}: ${f.reason}`).join('; '), { fields });
    },
  });
}
