// The hash stored in each weights file (weights-*.ts): what the committed weights were trained
// from. Node only (reads files); used by the trainer and by model.spec.ts, never by analyzeText or
// the browser.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Modules that only wire the detectors together (or measure them): no rule lives in them. */
const ENTRY_POINTS = new Set(['index.ts', 'crisis-entry.ts', 'eval.ts']);

/**
 * The files a retrain depends on, relative to the repository root, in a fixed order: the training
 * data (libs/safety/train/data/*.jsonl and the fixtures test/fixtures/safety/*.jsonl), every rule
 * source (libs/safety/src/*.ts except specs and the entry points index.ts, crisis-entry.ts and eval.ts),
 * the feature code and the trainer.
 */
export function trainingSources(root: string): string[] {
  const list = (dir: string, keep: (name: string) => boolean) =>
    readdirSync(join(root, dir))
      .filter(keep)
      .map((name) => join(dir, name));
  const files = [
    ...list('libs/safety/train/data', (n) => n.endsWith('.jsonl')),
    ...list('test/fixtures/safety', (n) => n.endsWith('.jsonl')),
    ...list('libs/safety/src', (n) => n.endsWith('.ts') && !n.endsWith('.spec.ts') && !ENTRY_POINTS.has(n)),
    'libs/safety/src/model/features.ts',
    'libs/safety/src/model/rules.ts',
    ...list('libs/safety/train', (n) => n.endsWith('.mjs')),
  ];
  return files.map((f) => relative(root, join(root, f)).split('\\').join('/')).sort();
}

/** sha256 over each source's path and content (line endings as committed). */
export function sourceHash(root: string): string {
  const h = createHash('sha256');
  for (const file of trainingSources(root)) {
    h.update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return h.digest('hex');
}
