import { describe, expect, it } from 'vitest';
import { agrees, codeOf, parseClaim, parseSnippet, SnippetSyntaxError, staticImports, valueError, withoutClaims } from '../../snippets/lab/syntax.ts';

describe('parseClaim', () => {
  it('reads one value per platform, separated by ·', () => {
    expect(parseClaim('linux: ECONNRESET · darwin: 0', 'x:1:1')).toEqual({ linux: ['ECONNRESET'], darwin: ['0'] });
  });
  it('reads poll flags and alternatives', () => {
    expect(parseClaim('linux: IN ERR HUP or IN HUP', 'x:1:1')).toEqual({ linux: ['IN ERR HUP', 'IN HUP'] });
  });
  it('rejects a value that is not a result, naming the place', () => {
    expect(() => parseClaim('linux: connection reset', 'snip.ts:7:12')).toThrow(/^snip\.ts:7:12: linux: 'connection reset' is not a result/);
  });
  it('holds every platform to the same grammar: a misspelt errno name on a reported platform fails', () => {
    expect(() => parseClaim('linux: ECONNRESET · darwin: ECONNRESETT', 's.ts:3:5')).toThrow("s.ts:3:5: darwin: 'ECONNRESETT' is not an errno name");
  });
  it('rejects a claim without a platform', () => {
    expect(() => parseClaim('ECONNRESET', 'snip.ts:3:1')).toThrow(SnippetSyntaxError);
  });
  it('rejects a platform claimed twice', () => {
    expect(() => parseClaim('linux: 0 · linux: 5', 'snip.ts:3:1')).toThrow(/claimed twice/);
  });
});

describe('valueError: the grammar of a result', () => {
  it.each(['0', '-1', '5', 'EPIPE', 'EAGAIN', 'EPROCLIM', 'SIGPIPE', 'SIGKILL', 'BLOCKED', 'IN', 'IN OUT HUP RDHUP', 'end', 'close false', 'error ECONNRESET', 'error ERR_STREAM_WRITE_AFTER_END', 'ERR', 'OUT ERR', 'error ABORT_ERR', 'rejected UND_ERR_SOCKET', 'rejected TimeoutError', 'ok'])(
    'accepts %s',
    (v) => expect(valueError(v)).toBeUndefined(),
  );
  it.each([
    ['RESET', "'RESET' is not a poll flag"],
    ['BOGUS', "'BOGUS' is not a poll flag"],
    ['HUP IN', "write 'IN HUP'"],
    ['IN IN', 'once each'],
    ['ECONNRESETT', 'not an errno name'],
    ['SIGFOO', 'not a signal name'],
    ['error ECONNRESETT', "'ECONNRESETT' is not an errno name"],
    ['5 bytes', 'is not a result'],
    ['EREADY', 'not an errno name'],
  ])('rejects %s', (v, why) => expect(valueError(v)).toContain(why));
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
    expect(s.firstShownLine).toBe(3);
    expect([...s.claims.entries()]).toEqual([[5, { linux: ['0'], darwin: ['0'] }]]);
  });
  it('requires a title', () => {
    expect(() => parseSnippet('a.read(); //=> linux: 0', 'y.ts')).toThrow(/^y\.ts:1:1: a snippet starts with/);
  });
  it('rejects an unknown header directive, naming file and line, instead of quietly ending the header', () => {
    const typo = ['// title: t', '// slwo: waits for a timer', 'a.read(); //=> linux: 0'].join('\n');
    expect(() => parseSnippet(typo, 'snippets/tcp/x.ts')).toThrow(/^snippets\/tcp\/x\.ts:2:4: unknown header directive 'slwo:'/);
  });
  it('rejects a snippet that claims nothing', () => {
    expect(() => parseSnippet('// title: t\na.read();', 'z.ts')).toThrow(/^z\.ts:1:1: .*this one claims nothing/);
  });
  it('rejects a claim on a line of its own', () => {
    expect(() => parseSnippet('// title: t\n//=> linux: 0\na.read(); //=> linux: 0', 'w.ts')).toThrow(/^w\.ts:2:1: a claim stands on the line of the call/);
  });
  it('bounds // repetitions:', () => {
    expect(() => parseSnippet('// title: t\n// repetitions: 1e9\na.read(); //=> linux: 0', 'r.ts')).toThrow(/^r\.ts:2:4: .*from 1 to 10000/);
  });
});

describe('code as shown', () => {
  it('codeOf drops the claim and the semicolon', () => {
    expect(codeOf('  a.read();   //=> linux: 0')).toBe('a.read()');
  });
  it('withoutClaims keeps the code and drops every claim', () => {
    expect(withoutClaims('a.read();   //=> linux: 0\nb.close();')).toBe('a.read();\nb.close();');
  });
});

describe('staticImports: what a worker loads before the first run is timed', () => {
  it('gives each module imported at the top, as written, and leaves type-only imports and code out', () => {
    const source = [
      "// title: t",
      "import { a, b } from '../lab/index.ts';",
      "import {",
      "  c,",
      "} from '../lab/node-net.ts';",
      "import http from 'node:http';",
      "import '../lab/side-effect.ts';",
      "import type { T } from '../lab/types.ts';",
      "const x = await import('node:fs'); // import from 'nowhere'",
    ].join('\n');
    expect(staticImports(source)).toEqual(['../lab/index.ts', '../lab/node-net.ts', 'node:http', '../lab/side-effect.ts']);
  });
});

describe('agrees', () => {
  it('compares numbers and names as the site prints them', () => {
    expect(agrees(['0'], 0)).toBe(true);
    expect(agrees(['ECONNRESET'], 'EPIPE')).toBe(false);
    expect(agrees(['ECONNRESET', '0'], 0)).toBe(true);
  });
});
