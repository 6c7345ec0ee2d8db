import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// The static shell in index.html (painted before this script loaded) gives way to the app.
target.replaceChildren();
export default mount(App, { target });
