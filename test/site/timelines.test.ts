// Packet timelines in the built pages, read with parse5: every TCP block draws the segments
// captured on this build (or says why it cannot), every Unix block says nothing crosses a wire,
// and the two closes of the issue show what they sent: an RST with bytes unread, a FIN without.
import { describe, expect, it } from 'vitest';
import { loadBuiltObservations } from '../helpers/built-site.ts';
import { scenarioBlocks } from '../helpers/pages.ts';
import { attr, findAll, hasClass, textOf, type El } from '../helpers/html.ts';

const observed = loadBuiltObservations();

const blocks = scenarioBlocks();

/** The steps of a block's timeline, in order: each call's text and the arrows under it (kind, tooltip). */
function steps(el: El): { code: string; arrows: string[] }[] {
  const svg = findAll(el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'))[0];
  const out: { code: string; arrows: string[] }[] = [];
  for (const g of findAll(svg, (e) => e.tagName === 'g')) {
    if (hasClass(g, 'tl-step')) out.push({ code: textOf(findAll(g, (e) => e.tagName === 'text')[0]), arrows: [] });
    else if (hasClass(g, 'tl-seg')) {
      const kind = (attr(g, 'class') ?? '').split(' ').find((c) => c !== 'tl-seg')!;
      out.at(-1)!.arrows.push(`${kind} ${textOf(findAll(g, (e) => e.tagName === 'title')[0])}`);
    }
  }
  return out;
}

describe('packet timelines', () => {
  it.each(blocks.map((b) => [b.id, b] as const))('%s: a timeline, or why there is none', (_, b) => {
    const s = observed.scenarios.find((x) => x.id === b.id)!;
    if (s.skipped) return;
    const text = textOf(b.el);
    if (b.id.startsWith('unix-')) return expect(text).toContain('Nothing crosses a wire here');
    if (b.id.startsWith('udp/')) return expect(text).toContain('the lab\'s capture records TCP segments only');
    if (s.wireUnavailable) return expect(text).toContain('Packets were not captured on this build');
    const svg = findAll(b.el, (e) => e.tagName === 'svg' && hasClass(e, 'timeline'));
    expect(svg).toHaveLength(1);
    expect(attr(svg[0], 'role')).toBe('img');
    const title = findAll(svg[0], (e) => e.tagName === 'title' && attr(e, 'id') === attr(svg[0], 'aria-labelledby'));
    expect(textOf(title[0])).toMatch(/^Segments between A and B, one run: /);
    const region = findAll(b.el, (e) => hasClass(e, 'timeline-wrap'))[0];
    expect([attr(region, 'tabindex'), attr(region, 'role'), attr(region, 'aria-label')]).toEqual(['0', 'region', `Packet timeline of ${b.id}`]);
  });

  const capturedHere = !observed.scenarios.find((s) => s.id === 'tcp/peer-closed-then-read')?.wireUnavailable;
  it.skipIf(!capturedHere)('b.close() with bytes unread sends an RST from B; without, a FIN', () => {
    const after = (id: string) => steps(blocks.find((b) => b.id === id)!.el).find((s) => s.code === 'b.close()')!.arrows;
    expect(after('tcp/peer-closed-unread-then-read')[0]).toMatch(/^tl-rst b → a: RST ACK/);
    expect(after('tcp/peer-closed-then-read')[0]).toMatch(/^tl-fin b → a: FIN ACK/);
  });
});
