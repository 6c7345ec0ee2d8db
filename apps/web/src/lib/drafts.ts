/**
 * Drafts live in this browser's localStorage only, per account and per composer: a shared
 * computer is a privacy risk, so nothing is sent to the server, and signing out clears them.
 */
const PREFIX = 'kindred.draft.';

const storageKey = (userId: string, key: string): string => `${PREFIX}${userId}.${key}`;

export function readDraft(userId: string, key: string): string {
  try {
    return localStorage.getItem(storageKey(userId, key)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(userId: string, key: string, value: string): void {
  try {
    if (value.trim() === '') localStorage.removeItem(storageKey(userId, key));
    else localStorage.setItem(storageKey(userId, key), value);
  } catch {
    /* storage full or private mode: the text is still in the field */
  }
}

/** Every draft on this device (on sign-out). */
export function clearDrafts(): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    /* nothing stored */
  }
}
