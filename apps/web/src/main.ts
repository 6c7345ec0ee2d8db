import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { initialLocale, useLocale } from './lib/i18n/i18n.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html'); // i18n-ignore: for developers
// The reader's language first (its catalogue is a chunk of its own), so the app paints in it.
await useLocale(initialLocale()).catch(() => useLocale('en'));
// The static shell in index.html (painted before this script loaded) gives way to the app.
target.replaceChildren();
export default mount(App, { target });

// The service worker makes Kindred installable and shows Web Push notifications (it caches nothing).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
