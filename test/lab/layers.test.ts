// Imports point down only (site → observe → snippets/lab), and each rule has one home: the claim
// marker appears, outside comments, in snippets/lab/syntax.ts alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { CLAIM_MARKER } from '../../snippets/lab/syntax.ts';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && pattern.test(d.name))
    .map((d) => relative(projectRoot, join(d.parentPath, d.name)));
}

/** What a module imports, by specifier. */
const importsOf = (file: string) =>
  [...readFileSync(join(projectRoot, file), 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)(?:[^'"\n]*?from)?\s*['"]([^'"]+)['"]|import\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1] ?? m[2]);

/** Source text without comments (line comments and block comments), strings kept. */
const code = (file: string) =>
  readFileSync(join(projectRoot, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((l) => l.replace(/(^|[^:'"`])\/\/(?!=>).*$/, '$1'))
    .join('\n');

describe('layers', () => {
  it.each(files('snippets/lab', /\.(ts|mjs)$/))('%s imports nothing from observe/ or site/', (file) => {
    expect(importsOf(file).filter((s) => /(^|\/)(observe|site)\//.test(s))).toEqual([]);
  });
  it.each(files('observe', /\.ts$/))('%s imports nothing from site/', (file) => {
    expect(importsOf(file).filter((s) => /(^|\/)site\//.test(s))).toEqual([]);
  });
});

describe('one home for the claim marker', () => {
  const sources = [...files('snippets/lab', /\.(ts|mjs)$/), ...files('observe', /\.ts$/), ...files('site', /\.(ts|astro)$/), ...files('scripts', /\.(ts|mjs)$/)];
  it('appears outside comments only in snippets/lab/syntax.ts', () => {
    const holders = sources.filter((f) => code(f).includes(CLAIM_MARKER));
    expect(holders).toEqual(['snippets/lab/syntax.ts']);
  });
});
