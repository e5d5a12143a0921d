// The teaching page (issue 17): 6 to 8 ordered exercises, each timed, each linking to the blocks of
// the scenario it starts from and of its changed version, with the predict-mode command for both;
// each answer key folded until opened, and listing what this build observed.
import { describe, expect, it } from 'vitest';
import { builtPages, scenarioBlocks } from '../helpers/pages.ts';
import { attr, findAll, hasClass, parseFile, textOf } from '../helpers/html.ts';

const page = builtPages().find((p) => p.path === '/teaching/');
const blocks = new Set(scenarioBlocks().map((b) => `/${b.page.replace(/(^|\/)index\.html$/, '$1')}#${b.id}`));

describe('the teaching page', () => {
  it('exists', () => expect(page).toBeDefined());
  const exercises = page ? findAll(parseFile(page.file), (e) => e.tagName === 'section' && hasClass(e, 'exercise')) : [];

  it('has 6 to 8 exercises, numbered in order, each with its minutes', () => {
    expect(exercises.length).toBeGreaterThanOrEqual(6);
    expect(exercises.length).toBeLessThanOrEqual(8);
    expect(exercises.map((e) => attr(e, 'id'))).toEqual(exercises.map((_, i) => `exercise-${i + 1}`));
    for (const e of exercises) expect(textOf(findAll(e, (x) => x.tagName === 'h3')[0]!)).toMatch(/\(\d+ min\)\s*$/);
  });

  it.each(exercises.map((e) => [attr(e, 'id')!, e] as const))('%s links to the blocks it runs, and hides its answer key until opened', (_, e) => {
    const steps = findAll(e, (x) => hasClass(x, 'steps'))[0]!;
    const links = findAll(steps, (x) => x.tagName === 'a').map((a) => attr(a, 'href')!);
    expect(links).toHaveLength(2);
    for (const href of links) expect(blocks, `${href} is not a scenario block on the site`).toContain(href);
    expect(textOf(steps).match(/node observe\/snippet\.ts --predict snippets\/\S+\.ts/g)).toHaveLength(2);
    const keys = findAll(e, (x) => x.tagName === 'details' && hasClass(x, 'answer-key'));
    expect(keys).toHaveLength(1);
    expect(attr(keys[0]!, 'open'), 'the answer key is open before anyone asks').toBeUndefined();
    expect(textOf(findAll(keys[0]!, (x) => x.tagName === 'summary')[0]!)).toMatch(/^Answer key/);
  });
});
