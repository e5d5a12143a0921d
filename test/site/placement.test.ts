// The catalogue, the snippets and the chapters agree: every snippet is listed in
// snippets/CATALOGUE.md and placed on a built page at its anchor, and every id a chapter places has
// a snippet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { misplaced, placements } from '../../observe/placements.ts';
import { programIds } from '../../observe/runtimes.ts';
import { pageOfFile } from '../../site/answer/links.ts';
import { builtSite } from '../helpers/built-site.ts';
import { attr, findAll, hasClass, parseFile } from '../helpers/html.ts';

// The Python and Ruby programs are held to the same rules: listed, placed, anchored.
const ids = [...scenarioIds(), ...programIds()];
const catalogue = readFileSync(join(projectRoot, 'snippets/CATALOGUE.md'), 'utf8');
const placed = placements().filter((p) => p.id.includes('/'));

/** The page a content file is built to. */
const pageOf = (file: string) => join(builtSite().dist, pageOfFile(file), 'index.html');

describe('catalogue, snippets and chapters', () => {
  it.each(ids)('%s is listed in snippets/CATALOGUE.md', (id) => {
    expect(catalogue).toContain('`' + id + '`');
  });
  it.each(ids)('%s is placed on a page, in a block at its anchor', (id) => {
    const where = placed.filter((p) => p.id === id);
    expect(where.map((p) => p.file), `${id} is placed on no page: add <Scenario id="${id}" /> to a chapter in content/`).not.toEqual([]);
    const pages = [...new Set(where.map((p) => pageOf(p.file)))];
    const anchored = pages.some((page) =>
      findAll(parseFile(page), (el) => el.tagName === 'section' && hasClass(el, 'scenario') && attr(el, 'id') === id).length === 1,
    );
    expect(anchored, `${id}: no block with id="${id}" on ${pages.join(', ')}`).toBe(true);
  });
  it('every id a chapter places has a snippet', () => {
    expect(misplaced(ids)).toEqual([]);
  });
});
