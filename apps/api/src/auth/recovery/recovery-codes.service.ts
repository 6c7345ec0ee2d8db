import { Injectable } from '@nestjs/common';
import { RECOVERY_CODE_COUNT } from '@kindred/contracts';
import * as argon2 from 'argon2';
import { newRecoveryCode, normalizeRecoveryCode, selectorOf } from './recovery-codes.js';
import { RecoveryCodesRepository } from './recovery-codes.repository.js';

/**
 * Lighter argon2id than for passwords: a code carries ~59 random bits, so even a cheap hash
 * leaves an offline attack hopeless, and ten hashes at registration stay quick.
 */
const CODE_HASH = { type: argon2.argon2id, memoryCost: 8192, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class RecoveryCodesService {
  // Checked when no code can match, so a wrong username or selector takes as long as a wrong code.
  private readonly dummyHash = argon2.hash('kindred-recovery-timing', CODE_HASH);

  constructor(private readonly codes: RecoveryCodesRepository) {}

  /** A new set of codes for the account (shown once); the old set stops working. */
  async issue(userId: string): Promise<string[]> {
    const plain: string[] = [];
    const selectors = new Set<string>();
    while (plain.length < RECOVERY_CODE_COUNT) {
      const code = newRecoveryCode();
      const selector = selectorOf(normalizeRecoveryCode(code)!);
      if (selectors.has(selector)) continue;
      selectors.add(selector);
      plain.push(code);
    }
    const hashed = await Promise.all(
      plain.map(async (code) => {
        const normalized = normalizeRecoveryCode(code)!;
        return { selector: selectorOf(normalized), hash: await argon2.hash(normalized, CODE_HASH) };
      }),
    );
    await this.codes.replace(userId, hashed);
    return plain;
  }

  /**
   * Uses one code of the account (null userId: the username does not exist). Exactly one hash is
   * checked on every path. True when the code was good and is now burnt.
   */
  async consume(userId: string | null, input: string): Promise<boolean> {
    const normalized = normalizeRecoveryCode(input);
    const row = userId && normalized ? await this.codes.findUnused(userId, selectorOf(normalized)) : null;
    const ok = await argon2.verify(row?.hash ?? (await this.dummyHash), normalized ?? input).catch(() => false);
    if (!row || !ok) return false;
    return this.codes.burn(row.id);
  }

  status(userId: string): Promise<{ left: number; saved: boolean }> {
    return this.codes.status(userId);
  }

  markSaved(userId: string): Promise<void> {
    return this.codes.markSaved(userId);
  }
}
