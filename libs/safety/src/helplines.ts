/**
 * Crisis and support lines that are safe, and helpful, to post: never personal info, never an
 * off-platform contact. Digits only, without the US country code.
 */
export const HELPLINE_NUMBERS: ReadonlySet<string> = new Set([
  '988', // Suicide & Crisis Lifeline
  '911',
  '741741', // Crisis Text Line
  '8006624357', // SAMHSA National Helpline (1-800-662-HELP)
  '8002738255', // former National Suicide Prevention Lifeline
  '8004843731', // Never Use Alone
  '8007997233', // National Domestic Violence Hotline
  '8006564673', // RAINN
  '8664887386', // Trevor Project
  '8009506264', // NAMI HelpLine
  '8002221222', // Poison Control
  '8009855990', // Disaster Distress Helpline
  '8775658860', // Trans Lifeline
]);

// Toll-free numbers belong to organisations, not people; a member's own number is never one.
const TOLL_FREE = /^(?:800|833|844|855|866|877|888)/;

/** True for helplines and other organisational numbers that are fine to share. */
export function isPublicNumber(digits: string): boolean {
  const local = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return HELPLINE_NUMBERS.has(local) || (local.length === 10 && TOLL_FREE.test(local));
}
