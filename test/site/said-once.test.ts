// Each thing is said once, and linked from the other places (issue 17): a rule of thumb is spelled
// out on its errno page only (its short form on the home page and in the index that lists them);
// the load-balancer rules for Node.js live on one page, and the other troubleshooting tables link
// there. (The provenance paragraph's rule, once per page, is in pages.test.ts.)
import { describe, expect, it } from 'vitest';
import { OUTCOME_NOTES } from '../../site/answer/outcome-notes.ts';
import { builtPages } from '../helpers/pages.ts';
import { attr, findAll, hasClass, parseFile, textOf } from '../helpers/html.ts';

const pages = builtPages().map((p) => {
  const doc = parseFile(p.file);
  const main = findAll(doc, (e) => e.tagName === 'main')[0];
  return { path: p.path, doc, text: main ? textOf(main).replace(/\s+/g, ' ') : '' };
});
const saying = (sentence: string) => pages.filter((p) => p.text.includes(sentence)).map((p) => p.path);

describe('said once', () => {
  it.each(Object.entries(OUTCOME_NOTES))('the rule of thumb for %s is spelled out on its own page only', (slug, note) => {
    const shown = saying(note.rule);
    // An outcome this build never observed has no page, and says its rule nowhere; the index lists
    // each outcome by its short form, or by its rule when it has none.
    const allowed = [`/errors/${slug}/`, ...(note.short ? [] : ['/errors/'])];
    expect(shown.every((p) => allowed.includes(p)), `also on ${shown.join(', ')}`).toBe(true);
    if (note.short) expect(saying(note.short).filter((p) => p !== '/' && p !== '/errors/')).toEqual([]);
  });

  it('the load-balancer rules are spelled out on one page, and every troubleshooting table links there', () => {
    const tables = pages.filter((p) => findAll(p.doc, (e) => hasClass(e, 'troubleshooting')).length > 0);
    expect(tables.map((p) => p.path).sort()).toEqual(['/errors/econnreset/', '/node/events/', '/node/handling/']);
    const home = pages.filter((p) => findAll(p.doc, (e) => attr(e, 'id') === 'behind-a-load-balancer').length > 0);
    expect(home.map((p) => p.path)).toEqual(['/node/handling/']);
    expect(saying('Server rule:')).toEqual(['/node/handling/']);
    for (const p of tables.filter((t) => t !== home[0])) {
      expect(findAll(p.doc, (e) => e.tagName === 'a' && attr(e, 'href') === '/node/handling/#behind-a-load-balancer'), p.path).toHaveLength(1);
    }
  });
});
