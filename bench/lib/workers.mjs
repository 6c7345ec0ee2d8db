// Load comes from separate processes: each worker is a forked Node process driven over IPC.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './util.mjs';

/**
 * Starts a worker (bench/workers/<name>.mjs). `call(cmd, args)` resolves with the worker's
 * answer to that command; `close()` ends it.
 */
export function startWorker(name) {
  const child = fork(join(ROOT, 'bench/workers', `${name}.mjs`), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--max-old-space-size=2048'],
  });
  let next = 0;
  const pending = new Map();
  child.on('message', (msg) => {
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(new Error(`${name} worker: ${msg.error}`));
  });
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} worker exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid,
    call(cmd, args = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    },
    close() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** One command in a fresh worker, then the worker ends. */
export async function runInWorker(name, cmd, args) {
  const worker = startWorker(name);
  try {
    return await worker.call(cmd, args);
  } finally {
    await worker.close();
  }
}

/** The worker side: `serve({ cmd: async (args) => result })`. */
export function serve(handlers) {
  process.on('message', async ({ id, cmd, args }) => {
    try {
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unknown command ${cmd}`);
      const result = await handler(args);
      process.send({ id, ok: true, result });
    } catch (error) {
      process.send({ id, ok: false, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
