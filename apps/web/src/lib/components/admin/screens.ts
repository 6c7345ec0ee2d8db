/** The admin screens, in one place for the menu bar, the admin index and the tests. */
export const ADMIN_SCREENS = [
  { href: '/admin/boards', label: 'Boards', about: 'Create, rename, reorder and archive boards.' },
  { href: '/admin/library', label: 'Library pins', about: 'Choose the articles pinned to each board.' },
  {
    href: '/admin/watched-words',
    label: 'Watched words',
    about: 'Words and phrases that flag or hold posts for review.',
  },
  { href: '/admin/users', label: 'Users', about: 'Find a member, change a role, suspend or lift a suspension.' },
] as const;
