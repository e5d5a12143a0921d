// The Node release as part of the platform: the `// node:` header and claims keyed to it, the
// verdict on the release that ran, the failure line naming that release, the grouping of releases
// on the page and in the matrix (from real observations kept as fixtures), the watch for newer
// releases, and the floor in package.json's engines.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../observe/assemble.ts';
import { projectRoot } from '../../observe/catalogue.ts';
import { cachedNode, floorRelease, parseReleaseList, releaseChanges, TESTED_RELEASES } from '../../observe/node-releases.ts';
import { parseObservations } from '../../observe/schema.ts';
import type { RecordedCall } from '../../snippets/lab/recorder.ts';
import { claimKeyFor, parseSnippet } from '../../snippets/lab/syntax.ts';
import { buildMatrix } from '../../site/answer/matrix.ts';
import { MATRIX_ROWS, TRANSPORTS } from '../../site/answer/matrix-rows.ts';
import { releaseGroups } from '../../site/answer/releases.ts';
import { scenarioView } from '../../site/answer/scenario-view.ts';

const header = ['// title: t', '// node: fixed = ^24.22.1 || >=26.12.1 — the agent checks first (a source)', ''];
const snippetOf = (...lines: string[]) => parseSnippet([...header, ...lines].join('\n'), 'snippets/node/x.ts');

describe('the // node: header and claims keyed to it', () => {
  it('reads the range, what changed, and a claim keyed `platform label`', () => {
    const s = snippetOf('await get(); //=> linux: error ECONNRESET reused · linux fixed: response 200 new');
    expect(s.nodeRanges).toEqual({ fixed: { range: '^24.22.1 || >=26.12.1', why: 'the agent checks first (a source)' } });
    expect(s.claims.get(4)).toEqual({ linux: ['error ECONNRESET reused'], 'linux fixed': ['response 200 new'] });
  });
  it.each([
    ['24.21.0', 'linux'],
    ['24.22.1', 'linux fixed'],
    ['25.9.0', 'linux'],
    ['26.12.1', 'linux fixed'],
    ['28.0.0', 'linux fixed'],
  ])('on Node %s the claim checked is %s', (node, key) => {
    const s = snippetOf('await get(); //=> linux: 0 · linux fixed: 1');
    expect(claimKeyFor(s.claims.get(4)!, s, 'linux', node)).toBe(key);
  });
  it('falls back to nothing when a line has only a keyed claim and the release is outside it', () => {
    const s = snippetOf('await get(); //=> linux fixed: 1');
    expect(claimKeyFor(s.claims.get(4)!, s, 'linux', '24.21.0')).toBeUndefined();
  });
  it.each([
    ['// node: fixed ^24.22.1 — x', "write '// node: label = range — what changed (source)'"],
    ['// node: fixed = banana — x', "'banana' is not a range of Node releases"],
  ])('rejects the header %s', (line, why) => {
    expect(() => parseSnippet(['// title: t', line, '', 'a.read(); //=> linux: 0'].join('\n'), 's.ts')).toThrow(why);
  });
  it('rejects a claim keyed to a label the header does not name, naming the line', () => {
    expect(() => snippetOf('a.read(); //=> linux: 0 · linux fixd: 1')).toThrow(/^snippets\/node\/x\.ts:4:\d+: 'linux fixd' names no range/);
  });
  it('rejects two keyed claims whose ranges overlap on one line', () => {
    const src = ['// title: t', '// node: one = >=24.0.0 — x', '// node: two = ^24.22.1 — y', '', 'a.read(); //=> linux one: 0 · linux two: 1'].join('\n');
    expect(() => parseSnippet(src, 's.ts')).toThrow("'linux one' and 'linux two' would both hold on some Node release");
  });
});

describe('the verdict on the release that ran', () => {
  const s = snippetOf('await get(server.url, agent); //=> linux: error ECONNRESET reused · linux fixed: response 200 new');
  const call = (result: string): RecordedCall => ({ line: 4, code: 'await get(server.url, agent)', kind: 'request', socket: 'a', result, sigpipe: false });
  it('checks the keyed claim on a release in its range, and says which it checked', () => {
    const { record, failures } = assemble('node/x', 'snippets/node/x.ts', s, [[call('response 200 new')]], 'linux', undefined, '24.22.3');
    expect(failures).toEqual([]);
    expect(record.calls[0]).toMatchObject({ verdict: 'agrees', checked: 'linux fixed' });
    expect(record.nodeRanges).toEqual(s.nodeRanges);
  });
  it('checks the plain claim elsewhere', () => {
    const { record } = assemble('node/x', 'snippets/node/x.ts', s, [[call('error ECONNRESET reused')]], 'linux', undefined, '24.21.0');
    expect(record.calls[0].verdict).toBe('agrees');
    expect(record.calls[0].checked).toBeUndefined();
  });
  it('fails a claim keyed to the wrong range in one line: release, scenario, line, claim with its range, observation', () => {
    const { failures } = assemble('node/x', 'snippets/node/x.ts', s, [[call('error ECONNRESET reused')]], 'linux', undefined, '26.12.1');
    expect(failures).toEqual([
      'node/x on Node 26.12.1 (snippets/node/x.ts:4) await get(server.url, agent): claims linux fixed: response 200 new (fixed = ^24.22.1 || >=26.12.1), observed error ECONNRESET reused',
    ]);
  });
});

const fixtures = join(projectRoot, 'test/fixtures/releases');
const load = (v: string) => parseObservations(readFileSync(join(fixtures, `node-${v}.json`), 'utf8'), `node-${v}.json`);
const own = load('24.22.3');
const others = [load('24.21.0'), load('26.10.0')];
const source = readFileSync(join(projectRoot, 'snippets/node/http-keepalive-reset.ts'), 'utf8');

describe('releases side by side, from observations kept as fixtures', () => {
  it('groups releases by identical results, oldest first', () => {
    const groups = releaseGroups('node/http-keepalive-reset', own, others);
    expect(groups.map((g) => [g.versions, g.own])).toEqual([[['24.21.0', '26.10.0'], false], [['24.22.3'], true]]);
  });
  it('one group when every release gave the same', () => {
    expect(releaseGroups('node/http-keepalive-crossing', own, others).map((g) => g.versions)).toEqual([['24.21.0', '24.22.3', '26.10.0']]);
  });
  it('gives each group an observed column with its own verdicts (file snapshot)', async () => {
    const view = scenarioView('node/http-keepalive-reset', own, [], source, others);
    expect(view.columns.map((c) => c.key)).toEqual(['observed', 'release:24.21.0,26.10.0']);
    await expect(JSON.stringify(view, null, 2) + '\n').toMatchFileSnapshot('__snapshots__/releases/http-keepalive-reset.json');
  });
  it('says which releases of a range this build did not observe', () => {
    const view = scenarioView('node/http-keepalive-reset', others[0], [], source, []);
    expect(view.releaseNotes).toHaveLength(1);
    expect(view.releaseNotes[0]).toContain("No release in it was observed on this build, so the claims keyed 'guarded' are not checked here");
  });
  it('shows each group in the matrix where the deciding call differs, and one value where it does not', () => {
    const m = buildMatrix(MATRIX_ROWS, TRANSPORTS, own, [], { home: new Map() }, others);
    const cell = (key: string) => m.rows.find((r) => r.key === key)!.cells.find((c) => c.transport === 'node')!;
    expect(cell('http-keepalive').values.map((v) => [v.releases, v.value])).toEqual([
      ['Node 24.21.0, 26.10.0', 'error ECONNRESET reused'],
      ['Node 24.22.3', 'response 200 new'],
    ]);
    expect(cell('http-keepalive-crossing').values.map((v) => [v.releases, v.value])).toEqual([[undefined, 'error ECONNRESET reused']]);
  });
  it('names the release, the scenario, the line and both outcomes where a newer release changes one', () => {
    expect(releaseChanges(others[0], own, '24.21.0', '24.22.3')).toEqual([
      'Node 24.22.3 changes node/http-keepalive-reset (snippets/node/http-keepalive-reset.ts:13) await get(server.url, agent): 24.21.0 gave error ECONNRESET reused, 24.22.3 gives response 200 new',
      'Node 24.22.3 changes node/http-keepalive-reset (snippets/node/http-keepalive-reset.ts:14) await a.next(): 24.21.0 gave end, 24.22.3 gives close false',
      'Node 24.22.3 changes node/http-keepalive-reset (snippets/node/http-keepalive-reset.ts:15) await get(server.url, agent): 24.21.0 gave response 200 new, 24.22.3 gives response 200 reused',
    ]);
    expect(releaseChanges(own, own, '24.22.3', '24.22.3')).toEqual([]);
  });
});

describe('the tested releases and the floor', () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));
  it('the floor in engines is the tested floor, and the lowest 22 release every locked package accepts (type stripping needs 22.18)', () => {
    // Packages for this machine (a prebuilt binary for another OS or CPU is never installed here).
    const ranges: string[] = Object.values(lock.packages as Record<string, { engines?: { node?: string }; os?: string[]; cpu?: string[] }>)
      .filter((p) => (!p.os || p.os.includes(process.platform)) && (!p.cpu || p.cpu.includes(process.arch)))
      .map((p) => p.engines?.node)
      .filter((r): r is string => typeof r === 'string' && semver.validRange(r) !== null);
    const candidates = ['22.18.0', ...ranges.flatMap((r) => r.match(/\b22\.\d+\.\d+\b/g) ?? [])].filter((v) => semver.gte(v, '22.18.0')).sort(semver.compare);
    const lowest = candidates.find((v) => ranges.every((r) => semver.satisfies(v, r)));
    expect(floorRelease()).toBe(lowest);
    expect(pkg.engines.node).toBe(`>=${lowest}`);
    expect(TESTED_RELEASES.find((r) => r.roles.includes('floor'))?.version).toBe(lowest);
  });
  it('tests the newest release of each line on both sides of each change, and parses --node', () => {
    for (const line of [22, 24, 26]) expect(TESTED_RELEASES.some((r) => semver.major(r.version) === line && r.roles.includes('newest'))).toBe(true);
    expect(parseReleaseList('tested')).toEqual(TESTED_RELEASES.map((r) => r.version));
    expect(parseReleaseList('v22.23.5,24.22.1')).toEqual(['22.23.5', '24.22.1']);
    expect(() => parseReleaseList('24')).toThrow("--node takes 'tested', 'own' or exact releases like 22.23.5 (comma-separated), not '24'");
  });
  it('require-node.mjs refuses a release below the floor in one line and accepts the floor', () => {
    const floor = cachedNode(floorRelease());
    if (!floor) {
      expect(process.env.CI, `Node ${floorRelease()} is not in the cache (npm run build -- --node tested puts it there)`).not.toBe('true');
      return;
    }
    expect(spawnSync(floor, [join(projectRoot, 'scripts/require-node.mjs')]).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'closing-time-floor-'));
    try {
      cpSync(join(projectRoot, 'scripts/require-node.mjs'), join(dir, 'scripts/require-node.mjs'));
      const raised = semver.inc(floorRelease(), 'patch')!;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, engines: { node: `>=${raised}` } }));
      const r = spawnSync(floor, [join(dir, 'scripts/require-node.mjs')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`closing-time needs Node >= ${raised} (this is v${floorRelease()}); get one with: npx -y -p node@24 -- npm <command>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
