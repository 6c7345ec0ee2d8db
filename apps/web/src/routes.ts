import { lazy, type Route } from './lib/router.svelte';
import RegisterPage from './lib/components/auth/RegisterPage.svelte';
import SignInPage from './lib/components/auth/SignInPage.svelte';
import HelpPage from './lib/components/help/HelpPage.svelte';
import HomePage from './lib/components/home/HomePage.svelte';
import BoardPage from './lib/components/boards/BoardPage.svelte';
import ThreadPage from './lib/components/boards/ThreadPage.svelte';
import ArticlePage from './lib/components/library/ArticlePage.svelte';
import LibraryPage from './lib/components/library/LibraryPage.svelte';
import MeetingsPage from './lib/components/meetings/MeetingsPage.svelte';

/**
 * Every screen, first match wins. Features add their routes here. Screens a first visit needs (home,
 * boards, threads, help, the library, meetings, sign-in) are in the initial bundle; the rest load on first use.
 */
export const routes: Route[] = [
  { path: '/', component: HomePage, title: 'Boards' },
  { path: '/boards/:slug', component: BoardPage, title: 'Board' },
  { path: '/threads/:id', component: ThreadPage, title: 'Thread' },
  { path: '/search', load: lazy(() => import('./lib/components/boards/SearchPage.svelte')), title: 'Search' },
  {
    path: '/members/:username',
    load: lazy(() => import('./lib/components/boards/MemberPage.svelte')),
    title: 'Member',
  },
  { path: '/admin', load: lazy(() => import('./lib/components/admin/AdminHomePage.svelte')), title: 'Admin' },
  {
    path: '/admin/boards',
    load: lazy(() => import('./lib/components/admin/BoardsAdminPage.svelte')),
    title: 'Boards admin',
  },
  { path: '/signin', component: SignInPage, title: 'Sign in' },
  { path: '/register', component: RegisterPage, title: 'Create an account' },
  { path: '/account', load: lazy(() => import('./lib/components/auth/AccountPage.svelte')), title: 'Your account' },
  {
    path: '/recover',
    load: lazy(() => import('./lib/components/auth/RecoverPage.svelte')),
    title: 'Recover your account',
  },
  {
    path: '/reset',
    load: lazy(() => import('./lib/components/auth/ResetPage.svelte')),
    title: 'Choose a new password',
  },
  { path: '/help', component: HelpPage, title: 'Need help now?' },
  { path: '/meetings', component: MeetingsPage, title: 'Meetings' },
  {
    path: '/meetings/new',
    load: lazy(() => import('./lib/components/meetings/MeetingFormPage.svelte')),
    title: 'Schedule a meeting',
  },
  {
    path: '/meetings/:id/edit',
    load: lazy(() => import('./lib/components/meetings/MeetingFormPage.svelte')),
    title: 'Edit meeting',
  },
  {
    path: '/meetings/:id',
    load: lazy(() => import('./lib/components/meetings/MeetingRoomPage.svelte')),
    title: 'Meeting',
  },
  { path: '/library', component: LibraryPage, title: 'Library' },
  { path: '/library/:slug', component: ArticlePage, title: 'Article' },
  {
    path: '/admin/library',
    load: lazy(() => import('./lib/components/library/AdminLibraryPage.svelte')),
    title: 'Library pins',
  },
  {
    path: '/moderation',
    load: lazy(() => import('./lib/components/moderation/ModerationQueuePage.svelte')),
    title: 'Moderation',
  },
  {
    path: '/moderation/items/:id',
    load: lazy(() => import('./lib/components/moderation/ModerationItemPage.svelte')),
    title: 'Queue item',
  },
  {
    path: '/moderation/log',
    load: lazy(() => import('./lib/components/moderation/ModerationLogPage.svelte')),
    title: 'Moderation log',
  },
  { path: '/notices', load: lazy(() => import('./lib/components/moderation/NoticesPage.svelte')), title: 'Notices' },
  {
    path: '/notifications',
    load: lazy(() => import('./lib/components/notifications/NotificationsPage.svelte')),
    title: 'Notifications',
  },
  { path: '/admin/users', load: lazy(() => import('./lib/components/admin/UsersPage.svelte')), title: 'Users' },
  {
    path: '/admin/watched-words',
    load: lazy(() => import('./lib/components/admin/WatchedWordsPage.svelte')),
    title: 'Watched words',
  },
];
