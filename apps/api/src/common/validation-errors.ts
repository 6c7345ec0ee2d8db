import type { FieldError } from '@kindred/contracts';
import type { ValidationError } from 'class-validator';
import { AppError } from './app-error.js';

/** At most this many fields are named in one refusal: an error body stays small however wide the payload. */
export const MAX_FIELD_ERRORS = 10;

/** Flattens class-validator's tree into `{ field, reason }` pairs with dotted paths. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      field,
      reason: reason.startsWith('property ') && reason.endsWith('should not exist') ? 'is not allowed' : reason,
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The 400 for failed validation: the first MAX_FIELD_ERRORS fields, and how many more there were. */
export function validationFailed(errors: ValidationError[]): AppError {
  const all = fieldErrors(errors);
  const fields = all.slice(0, MAX_FIELD_ERRORS);
  const more = all.length - fields.length;
  const message =
    fields.map((f) => `${f.field}: ${f.reason}`).join('; ') + (more > 0 ? ` (and ${more} more problems)` : '');
  return new AppError('validation_failed', message, { fields });
}
