import type { FlagReason, QueuePriority } from '@kindred/contracts';

/** The numbers behind "trusted member": see the moderation issue. */
export const TRUST = {
  minAccountDays: 30,
  minPosts: 10,
  minResolvedForAccuracy: 5,
  minUpheldShare: 0.7,
} as const;

export interface FlaggerStats {
  accountCreatedAt: Date;
  postCount: number;
  /** Flags of theirs that a moderator upheld or rejected. */
  resolvedFlags: number;
  upheldFlags: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** A trusted member: old enough, active enough, and — once there is a record — usually right. */
export function isTrustedFlagger(stats: FlaggerStats, now = new Date()): boolean {
  const ageDays = (now.getTime() - stats.accountCreatedAt.getTime()) / DAY_MS;
  if (ageDays < TRUST.minAccountDays) return false;
  if (stats.postCount < TRUST.minPosts) return false;
  if (stats.resolvedFlags >= TRUST.minResolvedForAccuracy) {
    return stats.upheldFlags / stats.resolvedFlags >= TRUST.minUpheldShare;
  }
  return true;
}

/** A member's flag counts 1; a trusted member's counts 2. */
export const flagWeight = (stats: FlaggerStats, now = new Date()): number => (isTrustedFlagger(stats, now) ? 2 : 1);

const HIGH_REASONS: ReadonlySet<FlagReason> = new Set(['sourcing', 'personal_info', 'harassment']);

/** urgent for crisis, high for hidden content or the serious reasons, otherwise normal. */
export function itemPriority(input: {
  reasons: FlagReason[];
  hidden: boolean;
  crisisDetected?: boolean;
}): QueuePriority {
  if (input.crisisDetected || input.reasons.includes('crisis')) return 'urgent';
  if (input.hidden || input.reasons.some((r) => HIGH_REASONS.has(r))) return 'high';
  return 'normal';
}

export interface FlagWeights {
  /** Weight that counts toward hiding (every reason except crisis and content warnings). */
  hide: number;
  /** Weight asking for a content warning. */
  contentWarning: number;
}

export function sumWeights(flags: Array<{ reason: FlagReason; weight: number }>): FlagWeights {
  let hide = 0;
  let contentWarning = 0;
  for (const flag of flags) {
    if (flag.reason === 'crisis') continue;
    if (flag.reason === 'needs_content_warning') contentWarning += flag.weight;
    else hide += flag.weight;
  }
  return { hide, contentWarning };
}

/** What new flags do to the content: hide it, add a generic warning, or nothing (crisis never hides). */
export function autoEffect(
  weights: FlagWeights,
  state: { hidden: boolean; warned: boolean },
  threshold: number,
  contentWarningThreshold = 2,
): 'hide' | 'content_warning' | null {
  if (!state.hidden && weights.hide >= threshold) return 'hide';
  if (!state.hidden && !state.warned && weights.contentWarning >= contentWarningThreshold) return 'content_warning';
  return null;
}

export const GENERIC_CONTENT_WARNING =
  'Members flagged this as possibly hard to read (drug use, overdose or self-harm).';
