import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/** Shared composite validators, so every DTO says the same thing the same way. */

export const TrimmedText = (min: number, max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ minLength: min, maxLength: max, description }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: 'must be text' }),
    Length(min, max, { message: `must be ${min}–${max} characters` }),
  );

export const OptionalTrimmedText = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: max, description }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: 'must be text' }),
    Length(0, max, { message: `must be at most ${max} characters` }),
  );

export const Id = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ format: 'uuid' }), IsUUID('4', { message: 'must be a valid id' }));

export const OptionalId = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid' }),
    IsOptional(),
    IsUUID('4', { message: 'must be a valid id' }),
  );

export const Flag = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    IsBoolean({ message: 'must be true or false' }),
  );

/** A query-string page size: `limit` 1–50, default applied by the service. */
export const PageLimit = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
    ),
    IsInt({ message: 'must be a whole number' }),
    Min(1, { message: 'must be at least 1' }),
    Max(50, { message: 'must be at most 50' }),
  );

export const Cursor = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Opaque cursor from a previous page' }),
    IsOptional(),
    IsString({ message: 'must be text' }),
    Length(1, 200, { message: 'is not a valid cursor' }),
    Matches(/^[A-Za-z0-9_-]+$/, { message: 'is not a valid cursor' }),
  );

export const QueryBoolean = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
    ),
    IsBoolean({ message: 'must be true or false' }),
  );
