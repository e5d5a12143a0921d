// The site's own styles name only custom properties that the built site sets. A var(--x) with no
// fallback whose --x nobody sets is dropped by the browser without a word (the declaration becomes
// unset): --sl-font-mono, read by the site but only ever a setting of Starlight's, left every
// observed value in the text font, and Chromium 156's wider bold text then pushed tables past the
// content column. Starlight's own styles are Starlight's (its --sl-text-h6 is such a name too).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { builtSite } from '../helpers/built-site.ts';
import { builtPages } from '../helpers/pages.ts';

/** The site's style sources: its CSS files, and the components (their <style> blocks and style attributes). */
const sources = (readdirSync(join(projectRoot, 'site'), { recursive: true }) as string[])
  .filter((f) => /\.(css|astro)$/.test(f))
  .map((f) => ({ file: relative(projectRoot, join(projectRoot, 'site', f)), text: readFileSync(join(projectRoot, 'site', f), 'utf8') }));

/** Every custom property the built site sets: in its CSS, and in its pages (inline styles). */
function setInBuiltSite(): Set<string> {
  const dist = builtSite().dist;
  const css = readdirSync(join(dist, '_astro')).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(dist, '_astro', f), 'utf8'));
  const html = builtPages().map((p) => readFileSync(p.file, 'utf8'));
  return new Set([...css, ...html].flatMap((text) => [...text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!)));
}

describe("the site's styles", () => {
  it('read custom properties without a fallback only where the built site sets them', () => {
    const set = setInBuiltSite();
    const read = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/var\(\s*(--[\w-]+)\s*\)/g)].map((m) => ({ name: m[1]!, where: `${file}:${text.slice(0, m.index).split('\n').length}` })),
    );
    // The property this test was written for is among those read (else the pattern above has gone stale).
    expect(read.map((r) => r.name)).toContain('--sl-font-mono');
    expect(read.filter((r) => !set.has(r.name)).map((r) => `${r.where} reads ${r.name}, which nothing sets`)).toEqual([]);
  });
});
