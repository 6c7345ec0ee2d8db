import { createHmac } from 'node:crypto';
import { ALIAS_ADJECTIVES, ALIAS_NOUNS } from './alias-words.js';

/** How many rehashes we try before falling back to a numbered alias (practically never reached). */
const MAX_ATTEMPTS = 64;

/**
 * The per-thread alias of an anonymous author: a keyed hash of (thread, member), so the same
 * member keeps one alias inside a thread while aliases in different threads cannot be linked
 * without the secret. Pure: the caller supplies the aliases other members already use in the
 * thread, and a clash is resolved by rehashing with a counter — the same inputs always give
 * the same alias.
 */
export class AliasGenerator {
  constructor(private readonly secret: string) {}

  /** The n-th candidate alias of a member in a thread (n = 0 is the usual one). */
  candidate(threadId: string, userId: string, attempt = 0): string {
    const input = attempt === 0 ? `${threadId}:${userId}` : `${threadId}:${userId}:${attempt}`;
    const digest = createHmac('sha256', this.secret).update(input).digest();
    const adjective = ALIAS_ADJECTIVES[digest.readUInt32BE(0) % ALIAS_ADJECTIVES.length];
    const noun = ALIAS_NOUNS[digest.readUInt32BE(4) % ALIAS_NOUNS.length];
    return `${adjective} ${noun}`;
  }

  /** The first `count` candidates, in the order aliasFor tries them. */
  candidates(threadId: string, userId: string, count: number): string[] {
    return Array.from({ length: Math.min(count, MAX_ATTEMPTS) }, (_, attempt) =>
      this.candidate(threadId, userId, attempt),
    );
  }

  /** The first candidate that no other member of the thread already uses. */
  aliasFor(threadId: string, userId: string, takenByOthers: ReadonlySet<string> = new Set()): string {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const alias = this.candidate(threadId, userId, attempt);
      if (!takenByOthers.has(alias)) return alias;
    }
    const base = this.candidate(threadId, userId, 0);
    for (let n = 2; ; n++) {
      if (!takenByOthers.has(`${base} ${n}`)) return `${base} ${n}`;
    }
  }
}
