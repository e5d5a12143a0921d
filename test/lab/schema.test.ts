import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { jsonSchemaText } from '../../observe/json-schema.ts';
import { contractError, parseObservations, SCHEMA_VERSION } from '../../observe/schema.ts';

const valid = () => ({
  schema: SCHEMA_VERSION,
  provenance: {
    os: 'darwin', release: '24.1.0', arch: 'arm64', node: 'v24.1.0', libuv: '1.50.0',
    commit: 'abc123', observedAt: '2026-11-01T10:00:00.000Z', repetitions: 20, contributor: 'someone',
  },
  scenarios: [
    {
      id: 'unix-stream/peer-closed-unread-then-read', title: 't', file: 'snippets/unix-stream/peer-closed-unread-then-read.ts',
      stable: true,
      calls: [{ line: 6, code: 'a.read()', kind: 'read', socket: 'a', result: 0, poll: ['IN', 'HUP'], sigpipe: false, claims: { linux: 'ECONNRESET' }, verdict: 'unclaimed' }],
    },
  ],
});

describe('the observation contract', () => {
  it('accepts a well-formed record from another OS', () => {
    expect(contractError(valid())).toBeUndefined();
  });
  it.each([
    ['schema', (v: any) => (v.schema = SCHEMA_VERSION + 1), `$.schema: expected ${SCHEMA_VERSION}`],
    ['a result that is no result', (v: any) => (v.scenarios[0].calls[0].result = 'RESET'), "$.scenarios[0].calls[0].result: 'RESET' is not a poll flag"],
    ['a misspelt errno', (v: any) => (v.scenarios[0].calls[0].result = 'ECONNRESETT'), "$.scenarios[0].calls[0].result: 'ECONNRESETT' is not an errno name"],
    ['a poll flag', (v: any) => (v.scenarios[0].calls[0].poll = ['BOGUS']), '$.scenarios[0].calls[0].poll[0]'],
    ['the verdict', (v: any) => (v.scenarios[0].calls[0].verdict = 'maybe'), '$.scenarios[0].calls[0].verdict'],
    ['the id', (v: any) => (v.scenarios[0].id = 'zz/Bad_Id'), "$.scenarios[0].id: expected an id like"],
    ['the date', (v: any) => (v.provenance.observedAt = '1'), '$.provenance.observedAt: expected an ISO 8601 date'],
    ['the poll list', (v: any) => (v.scenarios[0].calls[0].poll = 'IN'), '$.scenarios[0].calls[0].poll'],
    ['repetitions', (v: any) => (v.provenance.repetitions = 0), '$.provenance.repetitions'],
    ['an unknown key', (v: any) => (v.provenance.contibutor = 'me'), "$.provenance: unknown key 'contibutor'"],
    ['an unknown key in a call', (v: any) => (v.scenarios[0].calls[0].extra = 1), "$.scenarios[0].calls[0]: unknown key 'extra'"],
    ['an unknown key in a scenario', (v: any) => (v.scenarios[0].stabel = true), "$.scenarios[0]: unknown key 'stabel'"],
    ['an unknown key in a variant', (v: any) => (v.scenarios[0].variants = [{ count: 1, calls: [], extra: 1 }]), "$.scenarios[0].variants[0]: unknown key 'extra'"],
    ['an unknown key in a segment', (v: any) => (v.scenarios[0].calls[0].wire = [{ from: 'a', flags: 'ACK', seq: 0, ack: 0, len: 0, win: 1, extra: 1 }]), "$.scenarios[0].calls[0].wire[0]: unknown key 'extra'"],
    ['a call kind', (v: any) => (v.scenarios[0].calls[0].kind = 'reed'), '$.scenarios[0].calls[0].kind'],
    ['a call socket', (v: any) => (v.scenarios[0].calls[0].socket = 'c'), '$.scenarios[0].calls[0].socket'],
  ])('names the JSON path when %s is malformed', (_, spoil, message) => {
    const v = valid();
    spoil(v);
    expect(contractError(v)).toContain(message);
  });
  it('reports a file that is not JSON in one line, with its name', () => {
    expect(() => parseObservations('{', 'reports/mac.json')).toThrow(/^reports\/mac\.json: not JSON/);
  });
  it('reports a malformed file in one line naming the file and the path', () => {
    const v: any = valid();
    v.provenance.contibutor = 'me';
    expect(() => parseObservations(JSON.stringify(v), 'reports/mac.json')).toThrow(/^reports\/mac\.json: \$\.provenance: unknown key 'contibutor'$/);
  });
});

describe('observe/observations.schema.json', () => {
  it('is generated from the zod schema and up to date (npm run schema rewrites it)', () => {
    const committed = readFileSync(join(projectRoot, 'observe/observations.schema.json'), 'utf8');
    expect(committed, 'observe/observations.schema.json is stale: run npm run schema').toBe(jsonSchemaText());
  });
});
