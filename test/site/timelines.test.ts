// Packet timelines in the built pages, read with parse5: every TCP block draws the segments
// captured on this build (or says why it cannot), every Unix block says nothing crosses a wire,
// and the two closes of the issue show what they sent: an RST with bytes unread, a FIN without.
import { describe, expect, it } from 'vitest';
import { NOT_OBSERVED } from '../../observe/format.ts';
import { isUdpScenario, isUnixScenario } from '../../observe/transports.ts';
import { loadBuiltObservations } from '../helpers/built-site.ts';
import { scenarioBlocks } from '../helpers/pages.ts';
import { attr, findAll, hasClass, textOf, type El } from '../helpers/html.ts';

const observed = loadBuiltObservations();

const blocks = scenarioBlocks();

/** The steps of a block's timeline, in order: each call's code, what it returned, and the arrows under it (kind, tooltip). */
function steps(el: El): { code: string; result: string; arrows: string[] }[] {
  const svg = findAll(el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'))[0];
  const out: { code: string; result: string; arrows: string[] }[] = [];
  for (const g of findAll(svg, (e) => e.tagName === 'g')) {
    if (hasClass(g, 'tl-step')) {
      const text = findAll(g, (e) => e.tagName === 'text')[0];
      const result = findAll(text, (e) => e.tagName === 'tspan' && hasClass(e, 'tl-result'))[0];
      out.push({ code: text.childNodes.filter((n) => n.nodeName === '#text').map(textOf).join(''), result: result ? textOf(result) : '', arrows: [] });
    }
    else if (hasClass(g, 'tl-seg')) {
      const kind = (attr(g, 'class') ?? '').split(' ').find((c) => c !== 'tl-seg')!;
      out.at(-1)!.arrows.push(`${kind} ${textOf(findAll(g, (e) => e.tagName === 'title')[0])}`);
    }
  }
  return out;
}

/** Each arrow's sender as its tooltip names it, and the sender as the arrow is drawn: the lane it starts from. */
function arrowSenders(svg: El): { named: string; drawn: string }[] {
  const lane = Object.fromEntries(
    findAll(svg, (e) => e.tagName === 'text' && hasClass(e, 'tl-head')).map((t) => [textOf(t).toLowerCase(), attr(t, 'x')]),
  );
  expect(Object.keys(lane).sort()).toEqual(['a', 'b']);
  return findAll(svg, (e) => e.tagName === 'g' && hasClass(e, 'tl-seg')).map((g) => {
    const line = findAll(g, (e) => e.tagName === 'line')[0];
    const named = /^([ab]) → [ab]:/.exec(textOf(findAll(g, (e) => e.tagName === 'title')[0]))?.[1] ?? '?';
    const drawn = Object.entries(lane).find(([, x]) => x === attr(line, 'x1'))?.[0] ?? '?';
    const to = Object.entries(lane).find(([, x]) => x === attr(line, 'x2'))?.[0] ?? '?';
    expect(to, 'an arrow ends on the other lane').toBe(drawn === 'a' ? 'b' : 'a');
    return { named, drawn };
  });
}

const skipped = [...observed.scenarios, ...(observed.programs ?? [])].filter((s) => s.skipped).map((s) => s.id);
const programs = new Set((observed.programs ?? []).map((p) => p.id));

describe('packet timelines', () => {
  it.each(blocks.filter((b) => skipped.includes(b.id)).map((b) => [b.id, b] as const))('%s: not observed here, so no timeline, and the block says why', (_, b) => {
    expect(findAll(b.el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'))).toEqual([]);
    expect(textOf(b.el).toLowerCase()).toContain(NOT_OBSERVED);
  });
  it.each(blocks.filter((b) => programs.has(b.id) && !skipped.includes(b.id)).map((b) => [b.id, b] as const))('%s: a Python or Ruby program, whose packets are not captured, says so', (_, b) => {
    expect(findAll(b.el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'))).toEqual([]);
    expect(textOf(b.el)).toContain('No packet timeline: the Python and Ruby programs run outside the lab');
  });
  it.each(blocks.filter((b) => !skipped.includes(b.id) && !programs.has(b.id)).map((b) => [b.id, b] as const))('%s: a timeline, or why there is none', (_, b) => {
    const s = observed.scenarios.find((x) => x.id === b.id);
    expect(s, `${b.id} is on a page but not in the observations`).toBeDefined();
    const text = textOf(b.el);
    if (isUnixScenario(b.id)) return expect(text).toContain('Nothing crosses a wire here');
    if (isUdpScenario(b.id)) return expect(text).toContain('the lab\'s capture records TCP segments only');
    if (s!.wireUnavailable) return expect(text).toContain('Packets were not captured on this build');
    const svg = findAll(b.el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'));
    expect(svg).toHaveLength(1);
    expect(attr(svg[0], 'role')).toBe('img');
    const title = findAll(svg[0], (e) => e.tagName === 'title' && attr(e, 'id') === attr(svg[0], 'aria-labelledby'));
    expect(textOf(title[0])).toMatch(/^Segments between A and B, one run: /);
    const region = findAll(b.el, (e) => hasClass(e, 'timeline-wrap'))[0];
    expect([attr(region, 'tabindex'), attr(region, 'role'), attr(region, 'aria-label')]).toEqual(['0', 'region', `Packet timeline of ${b.id}`]);
    // Every arrow leaves the lane of the side that sent it.
    const senders = arrowSenders(svg[0]);
    expect(senders.filter((x) => x.named !== x.drawn)).toEqual([]);
  });
  it.skipIf(!blocks.some((b) => findAll(b.el, (e) => hasClass(e, 'tl-seg')).length))('some timeline has arrows from both sides', () => {
    const all = blocks.flatMap((b) => findAll(b.el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline')).flatMap(arrowSenders));
    expect(new Set(all.map((x) => x.named))).toEqual(new Set(['a', 'b']));
  });

  const capturedHere = !observed.scenarios.find((s) => s.id === 'tcp/peer-closed-then-read')?.wireUnavailable;
  it.skipIf(!capturedHere)('b.close() with bytes unread sends an RST from B; without, a FIN', () => {
    const after = (id: string) => steps(blocks.find((b) => b.id === id)!.el).find((s) => s.code === 'b.close()')!.arrows;
    expect(after('tcp/peer-closed-unread-then-read')[0]).toMatch(/^tl-rst b → a: RST ACK/);
    expect(after('tcp/peer-closed-then-read')[0]).toMatch(/^tl-fin b → a: FIN ACK/);
  });

  it.skipIf(!capturedHere)('each call in a timeline shows what it returned, as observed', () => {
    const id = 'tcp/peer-closed-unread-then-read';
    const calls = observed.scenarios.find((s) => s.id === id)!.calls.filter((c) => c.wire);
    const shown = steps(blocks.find((b) => b.id === id)!.el).filter((s) => s.result !== '');
    expect(shown.map((s) => s.result)).toEqual(calls.map((c) => ` → ${c.result}${c.sigpipe ? ' + SIGPIPE' : ''}`));
    expect(shown.map((s) => s.result)).toContain(' → ECONNRESET');
  });
});
