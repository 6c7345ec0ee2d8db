// `npm start`: build what is missing or stale, then run the API, which also serves the web app
// and the sockets on one port.
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
await import('../apps/api/dist/main.js');
