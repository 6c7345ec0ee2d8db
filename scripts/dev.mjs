// `npm run dev`: the API (rebuilt on start) on :3000 and Vite with hot reload on :5173, proxying /api and /socket.io.
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale({ only: ['@kindred/contracts', '@kindred/safety', '@kindred/api'] });
const children = [
  spawn(process.execPath, ['apps/api/dist/main.js'], { stdio: 'inherit' }),
  spawn('npm', ['run', 'dev', '-w', '@kindred/web'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
