import type { FieldError } from '@kindred/contracts';
import type { ValidationError } from 'class-validator';

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
