import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import MessageFormat from '@messageformat/core';
import compileModule from '@messageformat/core/lib/compile-module.js';
import type { Plugin } from 'vite';

const SUFFIX = '?icu';

/**
 * `import('./messages/es.json?icu')` becomes a module of compiled ICU message functions for the
 * locale named by the file ("es.json" → Spanish plural rules), built once at build time by
 * @messageformat/core. Nothing parses ICU in the browser, and each language is its own chunk.
 */
export function icuMessages(): Plugin {
  return {
    name: 'kindred-icu-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const locale = basename(file, '.json');
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      return compileModule(new MessageFormat(locale, { strict: false }), messages);
    },
  };
}
