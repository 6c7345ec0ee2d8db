import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDir } from './ensure-dir.js';

describe('ensureDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kindred-ensure-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates every missing level', () => {
    const target = join(root, 'a', 'b', 'c');
    ensureDir(target);
    expect(statSync(target).isDirectory()).toBe(true);
  });

  it('accepts a folder that already exists', () => {
    expect(() => ensureDir(root)).not.toThrow();
  });

  it('refuses a path whose level is a file', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => ensureDir(join(root, 'file', 'sub'))).toThrow(/ENOTDIR|not a folder/);
    expect(existsSync(join(root, 'file', 'sub'))).toBe(false);
  });

  it('fails at once under /proc, where a recursive mkdir never returns', () => {
    if (!existsSync('/proc/self')) return; // not Linux
    expect(() => ensureDir('/proc/kindred-test/data')).toThrow();
  });
});
