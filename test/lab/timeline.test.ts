// The packet timeline's pure parts: which side a call is on, and the SVG it draws.
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../observe/schema.ts';
import { renderTimeline, sideOf, timelineSteps } from '../../site/answer/timeline.ts';
import type { Segment } from '../../snippets/lab/segments.ts';

const seg = (from: 'a' | 'b', flags: string, len = 0): Segment => ({ from, flags, seq: 1, ack: 6, len, win: 65536 });
/** A call on the socket its code starts with: `b.close()` is on b. */
const call = (code: string, wire: Segment[], extra: Partial<CallRecord> = {}): CallRecord => ({
  line: 1, code, kind: 'close', socket: code.startsWith('b.') ? 'b' : 'a', result: 0, poll: null, sigpipe: false, claims: {}, verdict: 'unclaimed', wire, ...extra,
});

describe('sideOf', () => {
  it("puts calls on b and on a server on B's side, the rest on A's, whatever the code says", () => {
    expect((['b', 'server'] as const).map((socket) => sideOf({ socket }))).toEqual(['b', 'b']);
    expect((['a', 'other', undefined] as const).map((socket) => sideOf({ socket }))).toEqual(['a', 'a', 'a']);
    expect(timelineSteps([call('b.close()', [], { socket: 'a' }), call('a.close()', [], { socket: 'server' })]).map((s) => s.side)).toEqual(['a', 'b']);
  });
});

describe('renderTimeline', () => {
  const calls = [
    call('a.write(\'hello\')', [seg('a', 'PSH ACK', 5), seg('b', 'ACK')], {
      setup: [{ line: 1, code: 'const [a, b] = tcpPair()', wire: [seg('a', 'SYN'), seg('b', 'SYN ACK'), seg('a', 'ACK')] }],
    }),
    call('b.close()', [seg('b', 'RST ACK')]),
  ];
  const t = renderTimeline(timelineSteps(calls), 'tcp/x');
  it('draws one arrow per segment, labelled with flags and length, and each call on its side', () => {
    expect(t.svg.match(/<g class="tl-seg/g)).toHaveLength(6);
    expect(t.svg).toContain('>PSH ACK · 5 B</text>');
    expect(t.svg).toMatch(/class="tl-seg tl-rst"/);
    expect(t.svg).toMatch(/class="tl-seg tl-ack"/);
    expect(t.svg).toMatch(/text-anchor="end">b\.close\(\)<tspan/);
    expect(t.svg).toMatch(/text-anchor="start">a\.write\(&#39;hello&#39;\)<tspan|text-anchor="start">a\.write\('hello'\)<tspan/);
  });
  it('shows what each call returned, and none for a lab step', () => {
    const returned = renderTimeline(timelineSteps([call('a.write(\'x\')', [], { result: 'EPIPE', sigpipe: true, setup: [{ line: 1, code: 'const [a, b] = tcpPair()', wire: [] }] })]), 'k');
    expect(returned.svg).toContain('>a.write(\'x\')<tspan class="tl-result"> → EPIPE + SIGPIPE</tspan></text>');
    expect(returned.svg).toContain('>const [a, b] = tcpPair()</text>');
    expect(returned.text).toContain("a.write('x') → EPIPE + SIGPIPE: nothing sent");
  });
  it("draws each arrow from its sender's lane to the other's, its head at the receiver", () => {
    const arrows = [...t.svg.matchAll(/<title>([ab]) → ([ab]):[^<]*<\/title><line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+"\/><polygon points="([\d.]+),/g)];
    expect(arrows).toHaveLength(6);
    const lane = Object.fromEntries([...t.svg.matchAll(/<text class="tl-head" x="([\d.]+)"[^>]*>([AB])<\/text>/g)].map((m) => [m[2].toLowerCase(), m[1]]));
    for (const [, from, to, x1, x2, tip] of arrows) expect([x1, x2, tip]).toEqual([lane[from], lane[to], lane[to]]);
    expect(new Set(arrows.map((m) => m[1]))).toEqual(new Set(['a', 'b']));
  });
  it('has a text equivalent as its accessible name, and scales with its box', () => {
    expect(t.svg).toMatch(/^<svg class="timeline" viewBox="0 0 \d+ \d+" role="img" aria-labelledby="tl-tcp-x"/);
    expect(t.svg).toContain('<title id="tl-tcp-x">Segments between A and B, one run: const [a, b] = tcpPair(): a sends SYN');
    expect(t.text).toContain('b.close() → 0: b sends RST ACK');
    expect(t.svg).not.toMatch(/ width="/);
  });
  it('shortens a long call to fit beside its lane, keeping all of it in the tooltip, and drops trailing comments', () => {
    const long = "a.destroy(Object.assign(new Error('no answer within 50 ms'), { code: 'ETIMEDOUT' }))";
    const t2 = renderTimeline(timelineSteps([call(long, []), call('const [a, b] = tcpPair();   // B never sends', [])]), 'k');
    expect(t2.svg).toContain(`<title>${long}</title>`);
    expect(t2.svg).toContain(`>${long.slice(0, 42 - ' → 0'.length - 1)}…<tspan class="tl-result"> → 0</tspan></text>`);
    expect(t2.svg).not.toContain('B never sends');
  });
  it('escapes the code it shows, in the label and in the tooltips', () => {
    const code = `a.write('<b>&amp;</b>"')`;
    const t3 = renderTimeline(timelineSteps([call(code, [seg('a', 'PSH ACK', 5)])]), 'k');
    expect(t3.svg).not.toContain('<b>');
    expect(t3.svg).toContain(`>a.write('&lt;b&gt;&amp;amp;&lt;/b&gt;&quot;')<tspan`);
  });
  it('sums up a long run of segments in one line', () => {
    const many = renderTimeline(timelineSteps([call('b.fill()', Array.from({ length: 20 }, () => seg('b', 'ACK', 1000)))]), 'k');
    expect(many.svg.match(/<g class="tl-seg/g)).toHaveLength(7);
    expect(many.svg).toContain('… 13 more segments, 13000 bytes');
  });
});
