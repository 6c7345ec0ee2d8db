import type { ValidationError, ValidationOptions } from 'class-validator';
import { hasMessage, msg, type Message, type MessageKey, type MessageParams } from '../i18n/i18n.js';
import { AppError, type FieldReason } from './app-error.js';

/** At most this many fields are named in one refusal: an error body stays small however wide the payload. */
export const MAX_FIELD_ERRORS = 10;

/**
 * A class-validator `message` that is a key of the server catalogues (validation.*), with its
 * arguments as the constraint's `context`: the reason is said in the reader's language when the
 * answer is written. `@Length(3, 24, reason('validation.common.lengthBetween', { min: 3, max: 24 }))`.
 */
export const reason = (key: MessageKey, params?: MessageParams, options: ValidationOptions = {}): ValidationOptions =>
  params ? { ...options, message: key, context: params } : { ...options, message: key };

function reasonOf(constraint: string, text: string, context: unknown): Message {
  if (constraint === 'whitelistValidation' || (text.startsWith('property ') && text.endsWith('should not exist'))) {
    return msg('validation.common.notAllowed');
  }
  if (hasMessage(text)) return msg(text, context as MessageParams | undefined);
  // class-validator's own English, from a decorator without a reason of ours.
  return msg('validation.common.other', { text });
}

/** Flattens class-validator's tree into `{ field, reason }` pairs with dotted paths. */
export function fieldReasons(errors: ValidationError[], prefix = ''): FieldReason[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => ({
      field,
      reason: reasonOf(constraint, text, error.contexts?.[constraint]),
    }));
    return [...own, ...fieldReasons(error.children ?? [], field)];
  });
}

/** The 400 for failed validation: the first MAX_FIELD_ERRORS fields, and how many more there were. */
export function validationFailed(errors: ValidationError[]): AppError {
  const all = fieldReasons(errors);
  const fields = all.slice(0, MAX_FIELD_ERRORS);
  const problems = fields.map((f) => msg('validation.summary.field', { field: f.field, reason: f.reason }));
  return new AppError(
    'validation_failed',
    msg('validation.summary.problems', { problems: { list: problems, join: '; ' }, more: all.length - fields.length }),
    { fields },
  );
}
