import { describe, expect, it } from 'vitest';
import { agrees, parseClaim, parseSnippet, ClaimSyntaxError } from '../../observe/claims.ts';

describe('parseClaim', () => {
  it('reads one value per platform, separated by ·', () => {
    expect(parseClaim('linux: ECONNRESET · darwin: 0', 'x:1')).toEqual({ linux: ['ECONNRESET'], darwin: ['0'] });
  });
  it('reads poll flags and alternatives', () => {
    expect(parseClaim('linux: IN ERR HUP or IN HUP', 'x:1')).toEqual({ linux: ['IN ERR HUP', 'IN HUP'] });
  });
  it('rejects a value that is not a result, naming the place', () => {
    expect(() => parseClaim('linux: connection reset', 'snip.ts:7')).toThrow(/snip\.ts:7: 'connection reset' is not a result/);
  });
  it('rejects a claim without a platform', () => {
    expect(() => parseClaim('ECONNRESET', 'snip.ts:3')).toThrow(ClaimSyntaxError);
  });
  it('rejects a platform claimed twice', () => {
    expect(() => parseClaim('linux: 0 · linux: 5', 'snip.ts:3')).toThrow(/claimed twice/);
  });
});

describe('parseSnippet', () => {
  const source = [
    '// title: a title',
    '// reported: darwin — somewhere',
    "import { socketpair } from '../lab/index.ts';",
    '',
    'a.read(); //=> linux: 0 · darwin: 0',
  ].join('\n');

  it('reads the header and the claims by line', () => {
    const s = parseSnippet(source, 'x.ts');
    expect(s.title).toBe('a title');
    expect(s.reported).toEqual({ darwin: 'somewhere' });
    expect(s.headerLines).toBe(2);
    expect([...s.claims.entries()]).toEqual([[5, { linux: ['0'], darwin: ['0'] }]]);
  });
  it('requires a title', () => {
    expect(() => parseSnippet('a.read(); //=> linux: 0', 'y.ts')).toThrow(/y\.ts:1: a snippet starts with/);
  });
});

describe('agrees', () => {
  it('compares numbers and names as the site prints them', () => {
    expect(agrees(['0'], 0)).toBe(true);
    expect(agrees(['ECONNRESET'], 'EPIPE')).toBe(false);
    expect(agrees(['ECONNRESET', '0'], 0)).toBe(true);
  });
});
