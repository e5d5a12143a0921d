// Every built page against this build's observations, read with a real HTML parser: each scenario
// block shows every call's observed value in order, links to itself and to its page's provenance
// paragraph, numbers its lines as the snippet file does; a predict block hides its claims (its code
// claims only `?`). The provenance paragraph is said once per page at most, and on every page that
// shows an observed result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placements } from '../../observe/placements.ts';
import { pageOfFile } from '../../site/answer/links.ts';
import { builtSite, loadBuiltObservations } from '../helpers/built-site.ts';
import { builtPages, scenarioBlocks } from '../helpers/pages.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';
import { CLAIM_MARKER } from '../../snippets/lab/syntax.ts';

const observed = loadBuiltObservations();

/** Every scenario block of every page. */
const blocks = scenarioBlocks();
const observedValues = (el: El) => findAll(el, (e) => hasClass(e, 'observed-value')).map((e) => attr(e, 'data-observed'));

describe('built pages', () => {
  it('are there for every chapter, with a block for every block a chapter places, on its page', () => {
    // Every page a chapter is built to, blocks or not (a chapter may place only summaries).
    const paths = new Set(builtPages().map((p) => p.path));
    expect([...new Set(placements().map((p) => pageOfFile(p.file)))].filter((path) => !paths.has(path))).toEqual([]);
    const placed = placements().filter((p) => p.kind === 'block').map((p) => `${pageOfFile(p.file)} #${p.id}`);
    const built = blocks.map((b) => `/${b.page.replace(/(^|\/)index\.html$/, '$1')} #${b.id}`);
    expect([...new Set(built)].sort()).toEqual([...new Set(placed)].sort());
  });

  it.each(builtPages().map((p) => [p.path, p.file] as const))('%s: Run it yourself in the header; the provenance paragraph at most once, and wherever a result is observed', (_, file) => {
    const doc = parseFile(file);
    // Every page's header leads to Run it yourself.
    const header = findAll(doc, (e) => e.tagName === 'header')[0];
    expect(header && findAll(header, (e) => e.tagName === 'a' && attr(e, 'href') === '/run-it-yourself/'), 'no "Run it yourself" in the header').toHaveLength(1);
    const paragraphs = findAll(doc, (e) => attr(e, 'id') === 'provenance');
    const observedHere = findAll(doc, (e) => hasClass(e, 'badge') && hasClass(e, 'observed')).length > 0;
    expect(paragraphs.length).toBeLessThanOrEqual(1);
    if (!observedHere) return;
    expect(paragraphs, 'a page shows observed results but not where they come from').toHaveLength(1);
    const text = textOf(paragraphs[0]!);
    const p = observed.provenance;
    for (const part of [p.release, p.node, p.observedAt.slice(0, 10), p.commit.replace(/-dirty$/, '')]) expect(text).toContain(part);
    // The repetitions are said there too, not on each block.
    expect(text).toContain(`ran ${p.repetitions} times`);
  });

  it.each(blocks.map((b) => [`${b.page} #${b.id}`, b] as const))('%s: observed values, anchor, link to provenance, line numbers', (_, b) => {
    const s = [...observed.scenarios, ...(observed.programs ?? [])].find((x) => x.id === b.id);
    expect(s, `${b.id} is not in the observations`).toBeDefined();
    expect(findAll(b.el, (e) => e.tagName === 'a' && attr(e, 'href') === `#${b.id}`)).toHaveLength(1);
    const text = textOf(b.el);
    if (s!.skipped) {
      expect(text).toContain('Not observed on this build');
      expect(observedValues(b.el)).toEqual([]);
      return;
    }
    expect(observedValues(b.el)).toEqual(s!.calls.map((c) => String(c.result)));
    // Where and when is said once per page; the block links to it and does not repeat it.
    expect(findAll(b.el, (e) => e.tagName === 'a' && attr(e, 'href') === '#provenance')).toHaveLength(1);
    expect(text).not.toContain(observed.provenance.commit.replace(/-dirty$/, ''));
    // Where a Mac's value is reported, the block says in one plain sentence what a Mac does.
    if (s!.calls.some((c) => c.claims.darwin !== undefined)) {
      const said = findAll(b.el, (e) => hasClass(e, 'elsewhere')).map((e) => textOf(e).replace(/\s+/g, ' '));
      expect(said.filter((t) => /^reported On a Mac, .+\.$/.test(t.trim())), `${b.id}: no plain sentence for macOS`).toHaveLength(1);
    }
    // Its run line leads to Run it yourself and to the file itself, served as it is in the repository.
    const run = findAll(b.el, (e) => hasClass(e, 'run-it'))[0];
    expect(run, `${b.id} has no run line`).toBeDefined();
    const hrefs = findAll(run!, (e) => e.tagName === 'a').map((a) => attr(a, 'href'));
    expect(hrefs).toEqual(['/run-it-yourself/', `/${s!.file}`]);
    expect(readFileSync(join(builtSite().dist, s!.file), 'utf8')).toBe(readFileSync(s!.file, 'utf8'));
    // The code block numbers lines as the file does, so a call's line in the table is in the gutter.
    const numbers = findAll(b.el, (e) => hasClass(e, 'ln')).map((e) => Number(textOf(e)));
    for (const c of s!.calls) expect(numbers, `${b.id}: line ${c.line} is not numbered in its code block`).toContain(c.line);
  });

  it.each(blocks.filter((b) => findAll(b.el, (e) => hasClass(e, 'predict')).length > 0).map((b) => [`${b.page} #${b.id}`, b] as const))(
    '%s: a predict block shows no claim before its answers are opened',
    (_, b) => {
      const code = findAll(b.el, (e) => hasClass(e, 'expressive-code'));
      expect(code).toHaveLength(1);
      // The whole file, so a copy runs; the calls to predict claim `?` (show me), and nothing else is claimed.
      const claims = findAll(code[0], (e) => hasClass(e, 'ec-line')).map((l) => textOf(l)).filter((l) => l.includes(CLAIM_MARKER));
      expect(claims.filter((l) => !/\/\/=> [a-z]+: \?\s*$/.test(l))).toEqual([]);
      expect(claims.length, 'a predict block asks nothing').toBeGreaterThan(0);
      // Every folded part is a question, closed; the legend ("How to read this block") is the one that is not.
      for (const d of findAll(b.el, (e) => e.tagName === 'details' && !hasClass(e, 'legend'))) {
        expect(attr(d, 'open'), 'an answer is open before the reader asks').toBeUndefined();
        const question = hasClass(d, 'timeline-figure')
          ? /^\s*What crosses the wire\? Show the packets\s*$/
          : hasClass(d, 'elsewhere-fold')
            ? /^\s*And on a Mac\?\s*$/
            : /^\s*What will .+ return\?\s*$/;
        expect(textOf(findAll(d, (e) => e.tagName === 'summary')[0])).toMatch(question);
      }
    },
  );
});
