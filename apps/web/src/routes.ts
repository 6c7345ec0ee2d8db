import type { Route } from './lib/router.svelte';
import AccountPage from './lib/components/auth/AccountPage.svelte';
import RegisterPage from './lib/components/auth/RegisterPage.svelte';
import SignInPage from './lib/components/auth/SignInPage.svelte';
import HelpPage from './lib/components/help/HelpPage.svelte';
import HomePage from './lib/components/home/HomePage.svelte';
import ComingSoonPage from './lib/components/common/ComingSoonPage.svelte';

/** Every screen, first match wins. Features add their routes here. */
export const routes: Route[] = [
  { path: '/', component: HomePage, title: 'Boards' },
  { path: '/signin', component: SignInPage, title: 'Sign in' },
  { path: '/register', component: RegisterPage, title: 'Create an account' },
  { path: '/account', component: AccountPage, title: 'Your account' },
  { path: '/help', component: HelpPage, title: 'Need help now?' },
  { path: '/meetings', component: ComingSoonPage, title: 'Meetings' },
  { path: '/library', component: ComingSoonPage, title: 'Library' },
  { path: '/moderation', component: ComingSoonPage, title: 'Moderation' },
];
