// The fingerprint of what the site is built from: an edit to a chapter, a component or a snippet
// changes it (so the site tests never read a site older than its sources); an edit to a test does not.
import { cpSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { execFileSync } from 'node:child_process';
import { BUILT_FROM, NOT_BUILT_FROM, sourcesFingerprint } from '../../scripts/sources.ts';
import { changedLines } from '../helpers/checkout-untouched.ts';
import { scratchDir } from '../helpers/scratch.ts';

const copy = scratchDir('closing-time-sources-', tmpdir(), (dir) => {
  for (const part of ['content', 'site/components', 'site/answer', 'snippets/tcp', 'test/lab', 'astro.config.mjs', 'ec.config.mjs']) {
    cpSync(join(projectRoot, part), join(dir, part), { recursive: true });
  }
});

describe('the sources fingerprint', () => {
  it('is taken over every top-level entry of the checkout but those listed as not built from', () => {
    const tracked = [...new Set(execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.split('/')[0]!))];
    expect(tracked.filter((t) => !BUILT_FROM.includes(t) && !NOT_BUILT_FROM.includes(t))).toEqual([]);
  });
  it.each(['content/the-question.mdx', 'site/answer/timeline.ts', 'snippets/tcp/sigpipe.ts', 'astro.config.mjs', 'ec.config.mjs'])('changes when %s changes', (file) => {
    const before = sourcesFingerprint(copy());
    appendFileSync(join(copy(), file), '\n');
    expect(sourcesFingerprint(copy())).not.toBe(before);
  });
  it('changes when a chapter is added, and not when a test changes', () => {
    const before = sourcesFingerprint(copy());
    appendFileSync(join(copy(), 'test/lab/sources.test.ts'), '\n');
    expect(sourcesFingerprint(copy())).toBe(before);
    writeFileSync(join(copy(), 'content/new.mdx'), '# new\n');
    expect(sourcesFingerprint(copy())).not.toBe(before);
  });
});

describe('the working-tree check', () => {
  it('names files that appeared, changed state or went', () => {
    expect(changedLines(' M a.ts\n', ' M a.ts\n')).toEqual([]);
    expect(changedLines(' M a.ts\n', ' M a.ts\n?? dist2/x\n')).toEqual(['?? dist2/x']);
    expect(changedLines('?? x\n', '')).toEqual(['(gone) ?? x']);
  });
});
