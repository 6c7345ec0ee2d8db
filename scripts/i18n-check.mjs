#!/usr/bin/env node
/**
 * `npm run i18n:check` (part of `npm run check`): every web catalogue in apps/web/src/messages has
 * the same keys as English, with the same {arguments}, and no component in apps/web/src carries
 * words for a person outside a catalogue — a text node, a labelling attribute, or a string in a
 * component's script. A line may opt out with a comment holding `i18n-ignore` (a brand name, say).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseSvelte } from 'svelte/compiler';
import MessageFormat from '@messageformat/core';
import { parse as parseIcu } from '@messageformat/parser';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps/web/src');
const messagesDir = join(web, 'messages');
const problems = new Set();
const report = (line) => problems.add(line);

// --- catalogues -------------------------------------------------------------------------------
const catalogues = Object.fromEntries(
  readdirSync(messagesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(messagesDir, f), 'utf8'))]),
);
const english = catalogues.en ?? {};
/** The argument names of an ICU message ("{count, plural, ...}" and "{name}"), as a sorted list. */
function argumentsOf(message) {
  const names = new Set();
  const walk = (tokens) => {
    for (const token of tokens) {
      if (
        token.type === 'argument' ||
        token.type === 'function' ||
        token.type === 'plural' ||
        token.type === 'select' ||
        token.type === 'selectordinal'
      ) {
        names.add(token.arg);
      }
      for (const c of token.cases ?? []) walk(c.tokens);
    }
  };
  walk(parseIcu(message));
  return [...names].sort().join(',');
}
for (const [locale, messages] of Object.entries(catalogues)) {
  const mf = new MessageFormat(locale);
  for (const [key, message] of Object.entries(messages)) {
    if (typeof message !== 'string') report(`messages/${locale}.json: "${key}" is not text`);
    else {
      try {
        mf.compile(message);
      } catch (error) {
        report(`messages/${locale}.json: "${key}" is not valid ICU MessageFormat: ${error.message}`);
        continue;
      }
      if (locale !== 'en' && key in english && argumentsOf(message) !== argumentsOf(english[key])) {
        report(
          `messages/${locale}.json: "${key}" uses {${argumentsOf(message)}}, English uses {${argumentsOf(english[key])}}`,
        );
      }
    }
    if (locale !== 'en' && !(key in english)) report(`messages/${locale}.json: "${key}" is not in en.json`);
  }
  if (locale !== 'en') {
    for (const key of Object.keys(english)) {
      if (!(key in messages)) report(`messages/${locale}.json: missing "${key}"`);
    }
  }
}

// --- components -------------------------------------------------------------------------------
/** Words a person reads: two letters in a row. Symbols, numbers and punctuation alone pass. */
const WORDS = /\p{L}{2,}/u;
/** Names that stay as they are in every language. */
const NAMES = new Set(['Kindred']);
/** Attributes whose value is read or heard by a person. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'placeholder',
  'title',
  'alt',
  'label',
  'value',
  'summary',
]);
/** Script strings that are sentences or labels: a capital then a small letter, or two words. */
const SENTENCE = /^[\p{Lu}][\p{Ll}]|\p{L}{2,}[ ,.!?…:]+\p{L}{2,}/u;
/** Script strings that are code, not words: CSS, selectors, URLs, events, keys, MIME types, formats. */
const CODE =
  /^(?:[a-z0-9_.:/#?&=@[\]*()-]+|[\w-]*[./:_#][\w./:#?&=@[\]*()+,-]*|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|Bearer ?.*|[a-z-]+(?: [a-z-]+){1,2}|<svg.*|data:.*)$/;

function files(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'messages') files(path, out);
    } else if (
      entry.name.endsWith('.svelte') ||
      (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts'))
    )
      out.push(path);
  }
  return out;
}

function lineOf(source, index) {
  return source.slice(0, index).split('\n').length;
}
function ignored(lines, line) {
  return /i18n-ignore/.test(lines[line - 1] ?? '') || /i18n-ignore/.test(lines[line - 2] ?? '');
}

function checkScriptLiterals(node, source, lines, where, offset = 0) {
  const visit = (n, parent) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((c) => visit(c, parent));
    if (
      n.type === 'ImportDeclaration' ||
      n.type === 'ExportAllDeclaration' ||
      n.type === 'TSTypeAnnotation' ||
      n.type === 'TSLiteralType' ||
      n.type === 'TSInterfaceDeclaration' ||
      n.type === 'TSTypeAliasDeclaration'
    )
      return;
    // Keys of message calls are the catalogue's, not words.
    if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 't') {
      n.arguments.slice(1).forEach((a) => visit(a, n));
      return;
    }
    if (n.type === 'Property' && n.key && parent) visit(n.value, n);
    const text =
      n.type === 'Literal' && typeof n.value === 'string'
        ? n.value
        : n.type === 'TemplateElement'
          ? n.value?.cooked
          : undefined;
    if (text !== undefined && WORDS.test(text) && SENTENCE.test(text.trim()) && !CODE.test(text.trim())) {
      const line = lineOf(source, (n.start ?? 0) + offset);
      if (!ignored(lines, line))
        report(`${where}:${line}: words outside a catalogue: ${JSON.stringify(text.trim().slice(0, 60))}`);
    }
    for (const [key, value] of Object.entries(n)) {
      if (
        key === 'type' ||
        key === 'start' ||
        key === 'end' ||
        key === 'loc' ||
        key === 'range' ||
        (n.type === 'Property' && key === 'key')
      )
        continue;
      if (value && typeof value === 'object') visit(value, n);
    }
  };
  visit(node, null);
}

const { parse: parseTs } = await import('@typescript-eslint/parser').catch(() => ({ parse: null }));

for (const file of files(web)) {
  const where = relative(root, file);
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n');
  if (file.endsWith('.ts')) {
    if (!parseTs) continue;
    const program = parseTs(source, { range: true, loc: false, sourceType: 'module' });
    const withStart = (n) => {
      if (n && typeof n === 'object') {
        if (Array.isArray(n)) n.forEach(withStart);
        else {
          if (n.range) n.start = n.range[0];
          Object.values(n).forEach(withStart);
        }
      }
    };
    withStart(program);
    checkScriptLiterals(program, source, lines, where);
    continue;
  }
  const ast = parseSvelte(source, { modern: true });
  for (const script of [ast.instance, ast.module])
    if (script) checkScriptLiterals(script.content, source, lines, where);
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'Text' && WORDS.test(node.data) && !NAMES.has(node.data.trim())) {
      const line = lineOf(source, node.start);
      if (!ignored(lines, line))
        report(`${where}:${line}: text outside a catalogue: ${JSON.stringify(node.data.trim().slice(0, 60))}`);
    }
    if (node.type === 'Attribute' && READ_ATTRIBUTES.has(node.name) && Array.isArray(node.value)) {
      for (const part of node.value) {
        if (part.type === 'Text' && WORDS.test(part.data)) {
          const line = lineOf(source, part.start);
          if (!ignored(lines, line))
            report(`${where}:${line}: ${node.name}="${part.data.slice(0, 40)}" outside a catalogue`);
        }
      }
    }
    if (
      node.type === 'ExpressionTag' ||
      node.type === 'Attribute' ||
      node.type === 'ConstTag' ||
      node.type === 'IfBlock' ||
      node.type === 'EachBlock' ||
      node.type === 'AwaitBlock' ||
      node.type === 'KeyBlock'
    ) {
      for (const key of ['expression', 'test']) if (node[key]) checkScriptLiterals(node[key], source, lines, where);
      if (node.type === 'Attribute' && Array.isArray(node.value))
        node.value
          .filter((p) => p.type === 'ExpressionTag')
          .forEach((p) => checkScriptLiterals(p.expression, source, lines, where));
      if (node.type === 'Attribute' && node.value?.type === 'ExpressionTag')
        checkScriptLiterals(node.value.expression, source, lines, where);
    }
    // Other attributes (class, href, data-*) hold code, and their expressions were read above.
    if (node.type === 'Comment' || node.type === 'StyleSheet' || node.type === 'Attribute') return;
    for (const [key, value] of Object.entries(node)) {
      if (
        key === 'type' ||
        key === 'start' ||
        key === 'end' ||
        key === 'expression' ||
        key === 'test' ||
        key === 'metadata'
      )
        continue;
      if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast.fragment);
}

if (problems.size > 0) {
  console.error(`i18n check: ${problems.size} problem(s)\n${[...problems].join('\n')}`);
  // exitCode, not exit(): a piped stderr is written asynchronously and exit() would cut it short.
  process.exitCode = 1;
} else {
  console.log(
    `i18n check: ${Object.keys(english).length} messages in ${Object.keys(catalogues).join(', ')}; no words outside the catalogues.`,
  );
}
