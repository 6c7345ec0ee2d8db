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
  { path: '/', component: HomePage, title: 'route.boards' },
  { path: '/boards/:slug', component: BoardPage, title: 'route.board' },
  { path: '/threads/:id', component: ThreadPage, title: 'route.thread' },
  { path: '/search', load: lazy(() => import('./lib/components/boards/SearchPage.svelte')), title: 'route.search' },
  {
    path: '/members/:username',
    load: lazy(() => import('./lib/components/boards/MemberPage.svelte')),
    title: 'route.member',
  },
  { path: '/admin', load: lazy(() => import('./lib/components/admin/AdminHomePage.svelte')), title: 'route.admin' },
  {
    path: '/admin/boards',
    load: lazy(() => import('./lib/components/admin/BoardsAdminPage.svelte')),
    title: 'route.boardsAdmin',
  },
  { path: '/signin', component: SignInPage, title: 'route.signIn' },
  { path: '/register', component: RegisterPage, title: 'route.createAnAccount' },
  {
    path: '/account',
    load: lazy(() => import('./lib/components/auth/AccountPage.svelte')),
    title: 'route.yourAccount',
  },
  {
    path: '/recover',
    load: lazy(() => import('./lib/components/auth/RecoverPage.svelte')),
    title: 'route.recoverYourAccount',
  },
  {
    path: '/reset',
    load: lazy(() => import('./lib/components/auth/ResetPage.svelte')),
    title: 'route.chooseANewPassword',
  },
  { path: '/help', component: HelpPage, title: 'route.needHelpNow' },
  { path: '/meetings', component: MeetingsPage, title: 'route.meetings' },
  {
    path: '/meetings/new',
    load: lazy(() => import('./lib/components/meetings/MeetingFormPage.svelte')),
    title: 'route.scheduleAMeeting',
  },
  {
    path: '/meetings/:id/edit',
    load: lazy(() => import('./lib/components/meetings/MeetingFormPage.svelte')),
    title: 'route.editMeeting',
  },
  {
    path: '/meetings/:id',
    load: lazy(() => import('./lib/components/meetings/MeetingRoomPage.svelte')),
    title: 'route.meeting',
  },
  { path: '/library', component: LibraryPage, title: 'route.library' },
  { path: '/library/:slug', component: ArticlePage, title: 'route.article' },
  {
    path: '/admin/library',
    load: lazy(() => import('./lib/components/library/AdminLibraryPage.svelte')),
    title: 'route.libraryPins',
  },
  {
    path: '/moderation',
    load: lazy(() => import('./lib/components/moderation/ModerationQueuePage.svelte')),
    title: 'route.moderation',
  },
  {
    path: '/moderation/items/:id',
    load: lazy(() => import('./lib/components/moderation/ModerationItemPage.svelte')),
    title: 'route.queueItem',
  },
  {
    path: '/moderation/log',
    load: lazy(() => import('./lib/components/moderation/ModerationLogPage.svelte')),
    title: 'route.moderationLog',
  },
  {
    path: '/notices',
    load: lazy(() => import('./lib/components/moderation/NoticesPage.svelte')),
    title: 'route.notices',
  },
  {
    path: '/notifications',
    load: lazy(() => import('./lib/components/notifications/NotificationsPage.svelte')),
    title: 'route.notifications',
  },
  { path: '/admin/users', load: lazy(() => import('./lib/components/admin/UsersPage.svelte')), title: 'route.users' },
  {
    path: '/admin/watched-words',
    load: lazy(() => import('./lib/components/admin/WatchedWordsPage.svelte')),
    title: 'route.watchedWords',
  },
];
