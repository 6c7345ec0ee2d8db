import type { MessageKey } from '../../i18n/i18n.svelte';

interface AdminScreen {
  href: string;
  /** Catalogue keys: the menu and the admin index show them in the reader's language. */
  label: MessageKey;
  about: MessageKey;
}

/** The admin screens, in one place for the menu bar, the admin index and the tests. */
export const ADMIN_SCREENS: readonly AdminScreen[] = [
  { href: '/admin/boards', label: 'admin.screens.boards', about: 'admin.screens.boardsAbout' },
  { href: '/admin/library', label: 'admin.screens.libraryPins', about: 'admin.screens.libraryPinsAbout' },
  { href: '/admin/watched-words', label: 'admin.screens.watchedWords', about: 'admin.screens.watchedWordsAbout' },
  { href: '/admin/users', label: 'admin.screens.users', about: 'admin.screens.usersAbout' },
];
