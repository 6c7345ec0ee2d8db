import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that always ends. Node's own `mkdirSync(path, { recursive: true })` loops for ever
 * on some virtual file systems (a path under /proc answers ENOENT to every attempt), so this
 * walks up to the nearest existing folder and creates each missing level once. Throws the
 * underlying error (ENOENT, EACCES, ENOTDIR…) when a level cannot be created.
 */
export function ensureDir(path: string, mode?: number): void {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) {
        throw Object.assign(new Error(`${current} exists and is not a folder`), { code: 'ENOTDIR' });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(current);
      missing.unshift(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const dir of missing) mkdirSync(dir, mode === undefined ? undefined : { mode });
}
