import { Injectable, type PipeTransform } from '@nestjs/common';
import { REACTION_KINDS, type ReactionKind } from '@kindred/contracts';
import { AppError, notFound } from '../common/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path that is not a uuid cannot name anything: 404, never a database error. */
@Injectable()
export class IdParam implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw notFound(this.what);
    return value.toLowerCase();
  }
}

export const ThreadId = new IdParam('That thread');
export const PostId = new IdParam('That post');

@Injectable()
export class ReactionKindParam implements PipeTransform<string, ReactionKind> {
  transform(value: string): ReactionKind {
    if (!(REACTION_KINDS as readonly string[]).includes(value)) {
      throw new AppError('validation_failed', `kind: must be one of ${REACTION_KINDS.join(', ')}`, {
        fields: [{ field: 'kind', reason: `must be one of ${REACTION_KINDS.join(', ')}` }],
      });
    }
    return value as ReactionKind;
  }
}
