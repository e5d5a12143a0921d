// What the site is built from, as one fingerprint: `npm run build` writes it into the site it built
// (SOURCES_STAMP), and the site tests compare it with the sources as they are now, so they never
// test a site older than its sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The file, inside the built site, that holds the fingerprint of the sources it was built from. */
export const SOURCES_STAMP = '.sources';

/** The folders and files a build reads (test/ and the docs are not among them). */
export const BUILT_FROM = ['content', 'site', 'snippets', 'observe', 'reports', 'scripts', 'public', 'astro.config.mjs', 'ec.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** The checkout's other top-level entries, which no build reads. */
export const NOT_BUILT_FROM = ['.ci', '.github', '.gitignore', '.npmrc', 'README.md', 'test', 'vitest.config.ts'];

/** Generated and cached files inside those folders, which are outputs, not sources. */
const NOT_SOURCES = new Set(['site/generated']);

/** Every source file, by path from `root`, in a fixed order. */
function sourceFiles(root: string): string[] {
  const walk = (rel: string): string[] => {
    if (NOT_SOURCES.has(rel) || !existsSync(join(root, rel))) return [];
    if (!statSync(join(root, rel)).isDirectory()) return [rel];
    return readdirSync(join(root, rel)).sort().flatMap((name) => walk(`${rel}/${name}`));
  };
  return BUILT_FROM.flatMap(walk);
}

/** A fingerprint of every file the build reads: its path and its bytes. */
export function sourcesFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) hash.update(`${relative(root, join(root, file))}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
