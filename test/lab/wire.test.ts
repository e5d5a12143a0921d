// Wire claims: the grammar, what counts towards the outcome, and how assemble() checks them.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../observe/assemble.ts';
import { formatWire } from '../../observe/format.ts';
import { counts, wireAgrees } from '../../observe/wire.ts';
import { parseSnippet, parseWireClaim, SnippetSyntaxError, type WireClaim } from '../../snippets/lab/syntax.ts';
import type { RecordedCall } from '../../snippets/lab/recorder.ts';
import type { Segment } from '../../snippets/lab/segments.ts';

const seg = (from: 'a' | 'b', flags: string, len = 0, extra: Partial<Segment> = {}): Segment => ({ from, flags, seq: 1, ack: 1, len, win: 65536, ...extra });
const claim = (text: string) => parseWireClaim(text) as WireClaim;

describe('the wire claim grammar', () => {
  it('reads senders, flags and payload lengths, or none', () => {
    expect(claim('b RST').segments).toEqual([{ from: 'b', flags: ['RST'] }]);
    expect(claim('a PSH 5, b RST').segments).toEqual([{ from: 'a', flags: ['PSH'], len: 5 }, { from: 'b', flags: ['RST'] }]);
    expect(claim('none').segments).toEqual([]);
  });
  it('refuses a pure ACK, an unknown flag and a missing sender, saying why', () => {
    expect(parseWireClaim('a ACK')).toMatch(/pure ACK, which is never checked/);
    expect(parseWireClaim('b RESET')).toMatch(/'RESET' in 'b RESET' is neither a TCP flag/);
    expect(parseWireClaim('RST')).toMatch(/names the sender first/);
  });
  it('sits beside the platform claims on a line, and a bad one names file and line', () => {
    const s = parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: b RST'].join('\n'), 'x.ts');
    expect(s.claims.get(2)).toEqual({ linux: ['0'] });
    expect(s.wireClaims.get(2)?.text).toBe('b RST');
    expect(() => parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: b ACK'].join('\n'), 'x.ts')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: b ACK'].join('\n'), 'x.ts')).toThrow(/^x\.ts:2:28: /);
  });
});

describe('what counts', () => {
  it('SYN, FIN, RST and data count, the first time; pure ACKs and retransmissions do not', () => {
    expect([seg('a', 'SYN'), seg('b', 'FIN ACK'), seg('b', 'RST ACK'), seg('a', 'PSH ACK', 5)].every(counts)).toBe(true);
    expect(counts(seg('a', 'ACK'))).toBe(false);
    expect(counts(seg('a', 'PSH ACK', 5, { retransmit: true }))).toBe(false);
  });
  it('a claim names flags a segment must carry, ignoring pure ACKs around it', () => {
    expect(wireAgrees(claim('b RST'), [seg('b', 'RST ACK')])).toBe(true);
    expect(wireAgrees(claim('b RST'), [seg('a', 'ACK'), seg('b', 'RST ACK'), seg('a', 'ACK')])).toBe(true);
    expect(wireAgrees(claim('b RST'), [seg('b', 'FIN ACK')])).toBe(false);
    expect(wireAgrees(claim('b FIN'), [seg('b', 'FIN ACK'), seg('a', 'FIN ACK')])).toBe(false);
    expect(wireAgrees(claim('a PSH 5'), [seg('a', 'PSH ACK', 4)])).toBe(false);
    expect(wireAgrees(claim('none'), [seg('a', 'ACK')])).toBe(true);
  });
  it('a claim names the sender too: the right segment from the wrong side does not agree', () => {
    expect(wireAgrees(claim('a RST'), [seg('b', 'RST ACK')])).toBe(false);
    expect(wireAgrees(claim('b FIN'), [seg('a', 'FIN ACK')])).toBe(false);
    expect(wireAgrees(claim('a PSH 5, b RST'), [seg('b', 'PSH ACK', 5), seg('a', 'RST')])).toBe(false);
    expect(wireAgrees(claim('a PSH 5, b RST'), [seg('a', 'PSH ACK', 5), seg('b', 'RST')])).toBe(true);
    expect(formatWire([seg('b', 'FIN ACK'), seg('a', 'PSH ACK', 3)])).toBe('b FIN ACK, a PSH ACK 3');
  });
});

describe('assemble with wire claims', () => {
  const snippet = parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: b RST'].join('\n'), 'snippets/x/y.ts');
  const call = (wire: Segment[] | undefined): RecordedCall => ({ line: 2, code: 'b.close()', kind: 'close', socket: 'b', result: 0, poll: null, sigpipe: false, ...(wire ? { wire } : {}) });
  it('agrees when the segments match in every run', () => {
    const { record, failures } = assemble('tcp/x', 'snippets/x/y.ts', snippet, [[call([seg('b', 'RST ACK')])], [call([seg('b', 'RST ACK'), seg('a', 'ACK')])]], 'linux');
    expect(failures).toEqual([]);
    expect(record.stable).toBe(true);
    expect(record.calls[0]).toMatchObject({ wireClaim: 'b RST', wireVerdict: 'agrees' });
  });
  it('fails naming scenario, line, claim and what was on the wire: the wrong flags, or the right ones from the wrong sender', () => {
    const { failures } = assemble('tcp/x', 'snippets/x/y.ts', snippet, [[call([seg('b', 'FIN ACK')])]], 'linux');
    expect(failures).toEqual(['tcp/x (snippets/x/y.ts:2) b.close(): claims wire: b RST, observed wire: b FIN ACK']);
    const wrongSender = parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: a RST'].join('\n'), 'snippets/x/y.ts');
    const named = assemble('tcp/x', 'snippets/x/y.ts', wrongSender, [[call([seg('b', 'RST ACK')])]], 'linux');
    expect(named.failures).toEqual(['tcp/x (snippets/x/y.ts:2) b.close(): claims wire: a RST, observed wire: b RST ACK']);
  });
  it('counts which call a segment followed when that differs, without splitting the outcome', () => {
    const s = parseSnippet(['// title: t', 'b.close(); //=> linux: 0', 'a.poll(); //=> linux: 0'].join('\n'), 'snippets/x/y.ts');
    const run = (first: Segment[], second: Segment[]): RecordedCall[] => [
      { ...call(first), line: 2 },
      { line: 3, code: 'a.poll()', kind: 'poll', socket: 'a', result: 0, poll: null, sigpipe: false, wire: second },
    ];
    const early = run([seg('b', 'FIN ACK'), seg('a', 'FIN ACK')], []);
    const late = run([seg('b', 'FIN ACK')], [seg('a', 'FIN ACK')]);
    const { record, failures } = assemble('tcp/x', 'snippets/x/y.ts', s, [early, early, late], 'linux');
    expect(failures).toEqual([]);
    expect(record.calls[0].wireCounts).toEqual({ 'b FIN ACK, a FIN ACK': 2, 'b FIN ACK': 1 });
  });
  it('a wire claim holds in every run, or fails saying in how many it did not', () => {
    const s = parseSnippet(['// title: t', 'b.close(); //=> linux: 0 · wire: b FIN', 'a.poll(); //=> linux: 0'].join('\n'), 'snippets/x/y.ts');
    const run = (first: Segment[], second: Segment[]): RecordedCall[] => [
      { ...call(first), line: 2 },
      { line: 3, code: 'a.poll()', kind: 'poll', socket: 'a', result: 0, poll: null, sigpipe: false, wire: second },
    ];
    const { failures } = assemble('tcp/x', 'snippets/x/y.ts', s, [run([seg('b', 'FIN ACK')], [seg('a', 'FIN ACK')]), run([seg('b', 'FIN ACK'), seg('a', 'FIN ACK')], [])], 'linux');
    expect(failures).toEqual(['tcp/x (snippets/x/y.ts:2) b.close(): claims wire: b FIN, observed wire: b FIN ACK, a FIN ACK in 1 of 2 runs']);
  });
  it('says why nothing was captured, rather than showing nothing', () => {
    const { record, failures } = assemble('tcp/x', 'snippets/x/y.ts', snippet, [[call(undefined)]], 'linux', 'needs root');
    expect(failures).toEqual([]);
    expect(record.wireUnavailable).toBe('needs root');
    expect(record.calls[0].wireVerdict).toBeUndefined();
  });
});
