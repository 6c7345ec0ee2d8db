import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { reason } from './validation-errors.js';

/**
 * Shared composite validators, so every DTO says the same thing the same way. Reasons are keys of
 * the server catalogues (apps/api/src/i18n/messages), said in the reader's language: see `reason`.
 */
export { reason };

export const TrimmedText = (min: number, max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ minLength: min, maxLength: max, description }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(reason('validation.common.text')),
    Length(min, max, reason('validation.common.lengthBetween', { min, max })),
  );

export const OptionalTrimmedText = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: max, description }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(reason('validation.common.text')),
    Length(0, max, reason('validation.common.lengthAtMost', { max })),
  );

export const Id = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ format: 'uuid' }), IsUUID('4', reason('validation.common.id')));

export const OptionalId = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ format: 'uuid' }), IsOptional(), IsUUID('4', reason('validation.common.id')));

export const Flag = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    IsBoolean(reason('validation.common.trueOrFalse')),
  );

/** A query-string page size: `limit` 1–50, default applied by the service. */
export const PageLimit = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
    ),
    IsInt(reason('validation.common.wholeNumber')),
    Min(1, reason('validation.common.atLeast', { min: 1 })),
    Max(50, reason('validation.common.atMost', { max: 50 })),
  );

export const Cursor = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Opaque cursor from a previous page' }),
    IsOptional(),
    IsString(reason('validation.common.text')),
    Length(1, 200, reason('validation.common.cursor')),
    Matches(/^[A-Za-z0-9_-]+$/, reason('validation.common.cursor')),
  );

export const QueryBoolean = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
    ),
    IsBoolean(reason('validation.common.trueOrFalse')),
  );
