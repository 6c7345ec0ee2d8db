import { Injectable, type PipeTransform } from '@nestjs/common';
import { REACTION_KINDS, type ReactionKind } from '@kindred/contracts';
import { fieldError, notFound } from '../common/app-error.js';
import { msg, type MessageKey } from '../i18n/i18n.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path that is not a uuid cannot name anything: 404, never a database error. */
@Injectable()
export class IdParam implements PipeTransform<string, string> {
  constructor(private readonly what: MessageKey) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw notFound(this.what);
    return value.toLowerCase();
  }
}

export const ThreadId = new IdParam('errors.notFound.thread');
export const PostId = new IdParam('errors.notFound.post');

@Injectable()
export class ReactionKindParam implements PipeTransform<string, ReactionKind> {
  transform(value: string): ReactionKind {
    if (!(REACTION_KINDS as readonly string[]).includes(value)) {
      throw fieldError('kind', msg('validation.common.oneOf', { options: REACTION_KINDS.join(', ') }));
    }
    return value as ReactionKind;
  }
}
