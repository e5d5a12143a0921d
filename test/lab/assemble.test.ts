import { describe, expect, it } from 'vitest';
import { assemble } from '../../observe/assemble.ts';
import { parseSnippet } from '../../snippets/lab/syntax.ts';
import type { RecordedCall } from '../../snippets/lab/recorder.ts';

const snippet = parseSnippet(
  ['// title: t', '// reported: darwin — a report', '', 'a.read(); //=> linux: ECONNRESET · darwin: 0'].join('\n'),
  'snippets/x/y.ts',
);
const call = (result: number | string, peerState?: string): RecordedCall => ({
  line: 4, code: 'a.read()', kind: 'read', socket: 'a', result, poll: ['IN'], sigpipe: false,
  ...(peerState ? { peer: { poll: null, state: peerState } } : {}),
});

describe('assemble', () => {
  it('agrees when every run matches the claim', () => {
    const { record, failures } = assemble('x/y', 'snippets/x/y.ts', snippet, [[call('ECONNRESET')], [call('ECONNRESET')]], 'linux');
    expect(failures).toEqual([]);
    expect(record.stable).toBe(true);
    expect(record.calls[0]).toMatchObject({ verdict: 'agrees', claims: { linux: 'ECONNRESET', darwin: '0' } });
  });
  it('names scenario, line, claim and observed value on a contradiction', () => {
    const { failures } = assemble('x/y', 'snippets/x/y.ts', snippet, [[call('EPIPE')]], 'linux');
    expect(failures).toEqual(['x/y (snippets/x/y.ts:4) a.read(): claims linux: ECONNRESET, observed EPIPE']);
  });
  it('counts variants and fails an unstable scenario that does not say it varies', () => {
    const runs = [[call('ECONNRESET')], [call('ECONNRESET')], [call(0)]];
    const { record, failures } = assemble('x/y', 'snippets/x/y.ts', snippet, runs, 'linux');
    expect(record.stable).toBe(false);
    expect(record.variants?.map((v) => v.count)).toEqual([2, 1]);
    expect(failures.some((f) => f.includes('in 1 of 3 runs'))).toBe(true);
    expect(failures.some((f) => f.includes('not the same on every run (2 outcomes: 2 + 1 of 3)'))).toBe(true);
  });
  it('counts TCP states that differ between runs instead of splitting the outcome', () => {
    const runs = [[call('ECONNRESET', 'FIN_WAIT1')], [call('ECONNRESET', 'FIN_WAIT2')], [call('ECONNRESET', 'FIN_WAIT1')]];
    const { record } = assemble('x/y', 'snippets/x/y.ts', snippet, runs, 'linux');
    expect(record.stable).toBe(true);
    expect(record.calls[0].peer).toEqual({ poll: null, state: 'FIN_WAIT1', stateCounts: { FIN_WAIT1: 2, FIN_WAIT2: 1 } });
  });
  it('fails a reported claim without a source', () => {
    const bare = parseSnippet(['// title: t', 'a.read(); //=> linux: 0 · darwin: 0'].join('\n'), 's.ts');
    const { failures } = assemble('x/y', 's.ts', bare, [[{ ...call(0), line: 2 }]], 'linux');
    expect(failures).toEqual(["x/y (s.ts): claims for 'darwin' need a source: add '// reported: darwin — where it comes from'"]);
  });
  it('fails a line that made two recorded calls: its claim could belong to either', () => {
    const two = parseSnippet(['// title: t', 'b.close(); a.read(); //=> linux: 0'].join('\n'), 's.ts');
    const trace: RecordedCall[] = [
      { line: 2, code: 'b.close(); a.read();', kind: 'close', socket: 'b', result: 0, poll: ['IN'], sigpipe: false },
      { line: 2, code: 'b.close(); a.read();', kind: 'read', socket: 'a', result: 0, poll: ['IN'], sigpipe: false },
    ];
    const { failures } = assemble('x/y', 's.ts', two, [trace, trace], 'linux');
    expect(failures).toEqual(['x/y (s.ts:2): this line made more than one recorded call; give each call its own line, with its own claim']);
  });
  it('fails a claim on a line where nothing was recorded', () => {
    const { failures } = assemble('x/y', 'snippets/x/y.ts', snippet, [[]], 'linux');
    expect(failures).toEqual(['x/y (snippets/x/y.ts:4): a claim stands on a line where no socket call was recorded']);
  });
});
