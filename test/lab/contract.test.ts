import { describe, expect, it } from 'vitest';
import { contractError, parseObservations } from '../../observe/contract.ts';

const valid = () => ({
  schema: 1,
  provenance: {
    os: 'darwin', release: '24.1.0', arch: 'arm64', node: 'v24.1.0', libuv: '1.50.0',
    commit: 'abc123', observedAt: '2026-11-01T10:00:00.000Z', repetitions: 20, contributor: 'someone',
  },
  scenarios: [
    {
      id: 'unix-stream/peer-closed-unread-then-read', title: 't', file: 'snippets/unix-stream/peer-closed-unread-then-read.ts',
      stable: true,
      calls: [{ line: 6, code: 'a.read()', result: 0, poll: ['IN', 'HUP'], sigpipe: false, claims: { linux: 'ECONNRESET' }, verdict: 'unclaimed' }],
    },
  ],
});

describe('the observation contract', () => {
  it('accepts a well-formed record from another OS', () => {
    expect(contractError(valid())).toBeUndefined();
  });
  it.each([
    ['schema', (v: any) => (v.schema = 2), '$.schema: expected 1'],
    ['result', (v: any) => (v.scenarios[0].calls[0].result = 'reset'), '$.scenarios[0].calls[0].result: expected a number, an errno name'],
    ['verdict', (v: any) => (v.scenarios[0].calls[0].verdict = 'maybe'), '$.scenarios[0].calls[0].verdict'],
    ['id', (v: any) => (v.scenarios[0].id = 'no slash'), "$.scenarios[0].id: expected an id like"],
    ['date', (v: any) => (v.provenance.observedAt = 'yesterday'), '$.provenance.observedAt: expected an ISO date'],
    ['poll', (v: any) => (v.scenarios[0].calls[0].poll = 'IN'), '$.scenarios[0].calls[0].poll'],
    ['repetitions', (v: any) => (v.provenance.repetitions = 0), '$.provenance.repetitions'],
  ])('names the field when %s is malformed', (_, spoil, message) => {
    const v = valid();
    spoil(v);
    expect(contractError(v)).toContain(message);
  });
  it('reports a file that is not JSON in one line, with its name', () => {
    expect(() => parseObservations('{', 'reports/mac.json')).toThrow(/^reports\/mac\.json: not JSON/);
  });
});
