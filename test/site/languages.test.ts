// "Your language" and the question's Ruby examples, as built: the translation table has every row
// and language, each value a row names links to its program's block (that every anchor exists:
// links.test.ts), each row to the system calls underneath; the errno pages link back to their rows;
// "The question" shows its Ruby examples beside the 2010 answer; and a missing runtime is said, never dropped.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcomePages } from '../../site/answer/outcome-pages.ts';
import { QUESTION_EXAMPLES } from '../../site/answer/question-examples.ts';
import { rowAnchor } from '../../site/answer/translation.ts';
import { LANGUAGES, TRANSLATION_ROWS } from '../../site/answer/translation-rows.ts';
import { builtSite, loadBuiltObservations } from '../helpers/built-site.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';

const dist = builtSite().dist;
const observed = loadBuiltObservations();
const page = (path: string) => parseFile(join(dist, path, 'index.html'));
const languages = page('your-language');
const table = findAll(languages, (e) => e.tagName === 'table' && hasClass(e, 'translation-table'))[0];

/** Whether the page a link points to has an element with that id. */
function resolves(href: string): boolean {
  const [path, anchor] = href.split('#');
  const target = path ? page(path.replace(/^\//, '')) : languages;
  return findAll(target, (e) => attr(e, 'id') === decodeURIComponent(anchor)).length > 0;
}

describe('the translation table on "Your language"', () => {
  it('has a row for every outcome and a column for every language', () => {
    expect(table, 'no translation table on /your-language/').toBeDefined();
    const rows = findAll(table, (e) => e.tagName === 'tr' && attr(e, 'data-row') !== undefined);
    expect(rows.map((r) => attr(r, 'id'))).toEqual(TRANSLATION_ROWS.map((r) => rowAnchor(r.key)));
    const heads = findAll(table, (e) => e.tagName === 'th' && attr(e, 'data-language') !== undefined);
    expect(heads.map((h) => attr(h, 'data-language'))).toEqual(LANGUAGES.map((l) => l.key));
  });
  it('heads Python and Ruby with the release observed, or why none was', () => {
    for (const r of observed.provenance.runtimes ?? []) {
      const head = findAll(table, (e) => e.tagName === 'th' && attr(e, 'data-language') === r.name)[0];
      expect(textOf(head)).toContain(r.version ?? `not observed on this build: ${r.missing}`);
    }
  });
  it('shows every value a row names, in order, each a link to its own program\'s block', () => {
    // What the rows name, row by row and language by language, as the table lays them out.
    const named = TRANSLATION_ROWS.flatMap((r) => LANGUAGES.flatMap((l) => {
      const cell = r.cells[l.key];
      return cell && !('na' in cell) ? cell.map((d) => d.id) : [];
    }));
    const links = findAll(table, (e) => e.tagName === 'a' && hasClass(e, 'tv'));
    expect(links.map((a) => attr(a, 'data-program'))).toEqual(named);
    expect(links.map((a) => attr(a, 'href') ?? '(no href)').filter((h, i) => !h.endsWith(`#${named[i]}`))).toEqual([]);
    // That each of these anchors is on the page its link names: links.test.ts, for every link of every page.
  });
  it('shows each observed Python and Ruby value as the program gave it', () => {
    const shown = findAll(table, (e) => e.tagName === 'a' && hasClass(e, 'tv')).map((a: El) => ({ id: attr(a, 'data-program')!, text: textOf(a) }));
    for (const p of observed.programs ?? []) {
      if (p.skipped) continue;
      for (const s of shown.filter((x) => x.id === p.id)) expect(p.calls.some((c) => s.text === `${c.code}${c.result}`), `${p.id}: '${s.text}'`).toBe(true);
    }
  });
  it('links each row to its system-call scenario', () => {
    const links = findAll(table, (e) => e.tagName === 'a' && textOf(e) === 'the system calls').map((a) => attr(a, 'href')!);
    expect(links.length).toBe(TRANSLATION_ROWS.filter((r) => r.cells.c && !('na' in r.cells.c)).length);
    expect(links.filter((h) => !resolves(h))).toEqual([]);
  });
  it('places every Python and Ruby program in a block', () => {
    const blocks = (p: ReturnType<typeof page>) => findAll(p, (e) => e.tagName === 'section' && hasClass(e, 'scenario')).map((s) => attr(s, 'id'));
    const placed = [...blocks(languages), ...blocks(page('the-question'))];
    expect((observed.programs ?? []).map((p) => p.id).filter((id) => !placed.includes(id))).toEqual([]);
  });
});

describe('the errno pages', () => {
  // The index has a page only for the outcomes this build observed.
  const withPage = new Set(outcomePages(observed, [], new Map()).map((p) => p.slug));
  const slugs = [...new Set(TRANSLATION_ROWS.flatMap((r) => (r.slug ? [r.slug] : [])))];
  it.each(slugs.filter((slug) => !withPage.has(slug)))('%s: not observed on this build, so no page', (slug) => {
    expect(existsSync(join(dist, 'errors', slug, 'index.html'))).toBe(false);
  });
  it.each(slugs.filter((slug) => withPage.has(slug)))('%s links to its rows in the translation table', (slug) => {
    const file = join(dist, 'errors', slug, 'index.html');
    expect(existsSync(file), `no errno page for ${slug}, an outcome this build observed`).toBe(true);
    const links = findAll(parseFile(file), (e) => e.tagName === 'a' && (attr(e, 'href') ?? '').startsWith('/your-language/#row-')).map((a) => attr(a, 'href')!);
    expect(links).toEqual(TRANSLATION_ROWS.filter((r) => r.slug === slug).map((r) => `/your-language/#${rowAnchor(r.key)}`));
    expect(links.filter((h) => !resolves(h))).toEqual([]);
  });
});

describe('"The question" in Ruby', () => {
  const question = page('the-question');
  const rows = findAll(question, (e) => e.tagName === 'tr' && attr(e, 'data-program') !== undefined);
  it.each(QUESTION_EXAMPLES.map((e) => [e.name, e] as const))('%s: this build\'s Ruby beside the 2010 answer\'s words for Linux and OS X', (_, e) => {
    const row = rows.find((r) => attr(r, 'data-program') === e.id)!;
    expect(row, `no row for ${e.id}`).toBeDefined();
    const text = textOf(row);
    const record = observed.programs?.find((p) => p.id === e.id);
    const call = record?.calls.find((c) => c.code === e.call);
    expect(text).toContain(record?.skipped ? `not observed on this build: ${record.skipped}` : String(call?.result));
    expect(text).toContain(e.said.linux);
    expect(text).toContain(e.said.darwin);
  });
});
