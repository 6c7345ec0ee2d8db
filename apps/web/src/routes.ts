import type { Route } from './lib/router.svelte';
import WatchedWordsPage from './lib/components/admin/WatchedWordsPage.svelte';
import AccountPage from './lib/components/auth/AccountPage.svelte';
import RecoverPage from './lib/components/auth/RecoverPage.svelte';
import RegisterPage from './lib/components/auth/RegisterPage.svelte';
import ResetPage from './lib/components/auth/ResetPage.svelte';
import SignInPage from './lib/components/auth/SignInPage.svelte';
import HelpPage from './lib/components/help/HelpPage.svelte';
import HomePage from './lib/components/home/HomePage.svelte';
import BoardPage from './lib/components/boards/BoardPage.svelte';
import ThreadPage from './lib/components/boards/ThreadPage.svelte';
import SearchPage from './lib/components/boards/SearchPage.svelte';
import MemberPage from './lib/components/boards/MemberPage.svelte';
import BoardsAdminPage from './lib/components/admin/BoardsAdminPage.svelte';
import AdminLibraryPage from './lib/components/library/AdminLibraryPage.svelte';
import ArticlePage from './lib/components/library/ArticlePage.svelte';
import LibraryPage from './lib/components/library/LibraryPage.svelte';
import MeetingFormPage from './lib/components/meetings/MeetingFormPage.svelte';
import MeetingRoomPage from './lib/components/meetings/MeetingRoomPage.svelte';
import MeetingsPage from './lib/components/meetings/MeetingsPage.svelte';
import UsersPage from './lib/components/admin/UsersPage.svelte';
import ModerationItemPage from './lib/components/moderation/ModerationItemPage.svelte';
import ModerationLogPage from './lib/components/moderation/ModerationLogPage.svelte';
import ModerationQueuePage from './lib/components/moderation/ModerationQueuePage.svelte';
import NoticesPage from './lib/components/moderation/NoticesPage.svelte';
import NotificationsPage from './lib/components/notifications/NotificationsPage.svelte';

/** Every screen, first match wins. Features add their routes here. */
export const routes: Route[] = [
  { path: '/', component: HomePage, title: 'Boards' },
  { path: '/boards/:slug', component: BoardPage, title: 'Board' },
  { path: '/threads/:id', component: ThreadPage, title: 'Thread' },
  { path: '/search', component: SearchPage, title: 'Search' },
  { path: '/members/:username', component: MemberPage, title: 'Member' },
  { path: '/admin/boards', component: BoardsAdminPage, title: 'Boards admin' },
  { path: '/signin', component: SignInPage, title: 'Sign in' },
  { path: '/register', component: RegisterPage, title: 'Create an account' },
  { path: '/account', component: AccountPage, title: 'Your account' },
  { path: '/recover', component: RecoverPage, title: 'Recover your account' },
  { path: '/reset', component: ResetPage, title: 'Choose a new password' },
  { path: '/help', component: HelpPage, title: 'Need help now?' },
  { path: '/meetings', component: MeetingsPage, title: 'Meetings' },
  { path: '/meetings/new', component: MeetingFormPage, title: 'Schedule a meeting' },
  { path: '/meetings/:id/edit', component: MeetingFormPage, title: 'Edit meeting' },
  { path: '/meetings/:id', component: MeetingRoomPage, title: 'Meeting' },
  { path: '/library', component: LibraryPage, title: 'Library' },
  { path: '/library/:slug', component: ArticlePage, title: 'Article' },
  { path: '/admin/library', component: AdminLibraryPage, title: 'Library pins' },
  { path: '/moderation', component: ModerationQueuePage, title: 'Moderation' },
  { path: '/moderation/items/:id', component: ModerationItemPage, title: 'Queue item' },
  { path: '/moderation/log', component: ModerationLogPage, title: 'Moderation log' },
  { path: '/notices', component: NoticesPage, title: 'Notices' },
  { path: '/notifications', component: NotificationsPage, title: 'Notifications' },
  { path: '/admin/users', component: UsersPage, title: 'Users' },
  { path: '/admin/watched-words', component: WatchedWordsPage, title: 'Watched words' },
];
