// The translation table ("Your language") from committed fixture observations, against a committed
// file snapshot (`npx vitest -u` updates it; review the diff); a build without Ruby; and the rows
// themselves: every cell names a program that exists and a call that program makes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOf, projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { programFile, programIds } from '../../observe/runtimes.ts';
import { parseObservations, type Observations } from '../../observe/schema.ts';
import { claimMarkerOf, codeOf } from '../../snippets/lab/syntax.ts';
import { QUESTION_EXAMPLES } from '../../site/answer/question-examples.ts';
import { buildTranslation, rowAnchor, rowsForOutcome } from '../../site/answer/translation.ts';
import { TRANSLATION_ROWS } from '../../site/answer/translation-rows.ts';

const fixture = join(projectRoot, 'test/fixtures/translation/observed.json');
const observed = parseObservations(readFileSync(fixture, 'utf8'), 'observed.json');
const ids = [...observed.scenarios, ...observed.programs!].map((s) => s.id);
const home = new Map(ids.map((id) => [id, id.startsWith('python/') || id.startsWith('ruby/') ? '/your-language/' : '/somewhere/']));
const slugs = new Set(['eof', 'econnreset', 'epipe', 'etimedout', 'econnrefused', 'eagain', 'enoent']);

/** The fixture as a build without Ruby makes it: the runtime missing, each Ruby program skipped with why. */
function withoutRuby(o: Observations): Observations {
  const missing = 'ruby not installed (no ruby on PATH)';
  return {
    ...o,
    provenance: { ...o.provenance, runtimes: o.provenance.runtimes!.map((r) => (r.name === 'ruby' ? { name: 'ruby', missing } : r)) },
    programs: o.programs!.map((p) => (p.id.startsWith('ruby/') ? { id: p.id, title: p.title, file: p.file, stable: true, calls: [], skipped: missing } : p)),
  };
}

describe('the translation table', () => {
  it('matches its snapshot', async () => {
    const view = buildTranslation(observed, home, slugs);
    await expect(JSON.stringify(view, null, 2) + '\n').toMatchFileSnapshot('__snapshots__/translation/view.json');
  });
  it('heads each runtime column with the release observed', () => {
    const view = buildTranslation(observed, home, slugs);
    expect(view.columns.map((c) => c.release)).toEqual([
      `linux ${observed.provenance.release}`,
      observed.provenance.node,
      observed.provenance.runtimes![0].version,
      observed.provenance.runtimes![1].version,
    ]);
  });
  it('without Ruby, says why its column is empty, in the heading and in every cell', () => {
    const view = buildTranslation(withoutRuby(observed), home, slugs);
    const ruby = view.columns.find((c) => c.key === 'ruby')!;
    expect(ruby.release).toBeUndefined();
    expect(ruby.missing).toBe('not observed on this build: ruby not installed (no ruby on PATH)');
    const cells = view.rows.map((r) => r.cells.find((c) => c.language === 'ruby')!);
    for (const c of cells) {
      for (const v of c.values) {
        expect(v.value).toBeUndefined();
        expect(v.missing).toBe('not observed on this build: ruby not installed (no ruby on PATH)');
      }
    }
    // Python's column is untouched.
    expect(view.rows[0].cells.find((c) => c.language === 'python')!.values[0].value).toBe("b''");
  });
  it('links each value to the block of its program, and each row to the system calls underneath', () => {
    const view = buildTranslation(observed, home, slugs);
    const eof = view.rows.find((r) => r.key === 'eof')!;
    expect(eof.cells.find((c) => c.language === 'python')!.values[0].href).toBe('/your-language/#python/unix-peer-closed-then-read');
    expect(eof.syscallHref).toBe('/somewhere/#unix-stream/peer-closed-then-read');
    expect(eof.errnoHref).toBe('/errors/eof/');
  });
  it('says a call the program no longer makes, rather than another value', () => {
    const changed = TRANSLATION_ROWS.map((r) => (r.key === 'eof' ? { ...r, cells: { python: [{ id: 'python/unix-peer-closed-then-read', call: 'a.recv(6)' }] } } : r));
    const cell = buildTranslation(observed, home, slugs, changed).rows[0].cells.find((c) => c.language === 'python')!;
    expect(cell.values[0].value).toBeUndefined();
    expect(cell.values[0].missing).toBe('call not found in the scenario');
  });
  it('gives the errno pages their rows', () => {
    expect(rowsForOutcome('enoent')).toEqual([{ href: `/your-language/#${rowAnchor('enoent')}`, outcome: 'ENOENT' }]);
    expect(rowsForOutcome('econnreset').length).toBeGreaterThan(1);
  });
});

describe('the rows name programs that exist and calls they make', () => {
  const scenarios = scenarioIds();
  const programs = programIds();
  const lines = (id: string) => {
    const file = programs.includes(id) ? programFile(id) : fileOf(id);
    return readFileSync(file, 'utf8').split('\n').map((l) => codeOf(l, claimMarkerOf(file)));
  };
  const refs = [
    ...TRANSLATION_ROWS.flatMap((r) => Object.values(r.cells).flatMap((c) => (c && !('na' in c) ? c : []))),
    ...QUESTION_EXAMPLES.map((e) => ({ id: e.id, call: e.call, nth: 1 })),
  ];
  it.each(refs.map((r) => [`${r.id}: ${r.call}${r.nth ? ` (${r.nth})` : ''}`, r] as const))('%s', (_, ref) => {
    expect([...scenarios, ...programs]).toContain(ref.id);
    expect(lines(ref.id).filter((l) => l === ref.call).length).toBeGreaterThanOrEqual(ref.nth ?? 1);
  });
  it('names each question example\'s twin', () => {
    for (const e of QUESTION_EXAMPLES) expect(scenarios).toContain(e.twin);
  });
});
