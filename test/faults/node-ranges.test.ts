// A claim keyed to the wrong range of Node releases fails the run in one line naming the release,
// the scenario, the line, the claim and what was observed: the real keep-alive snippet, its range
// turned around (the releases before the change instead of after it), observed on this Node and,
// where it is in the cache (CI puts every tested release there), on one release on the other side.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedNode } from '../../observe/node-releases.ts';
import { observeCli, snippetsCopy } from '../helpers/observe-cli.ts';

const copy = snippetsCopy();
afterAll(() => copy.remove());
const file = join(copy.dir, 'node/http-keepalive-reset.ts');
const fixed = '^22.23.4 || ^24.22.1 || >=26.12.1';
const turned = '<22.23.4 || >=24.0.0 <24.22.1 || >=26.0.0 <26.12.1';
writeFileSync(file, readFileSync(file, 'utf8').replace(`guarded = ${fixed}`, `guarded = ${turned}`));

describe('a claim keyed to the wrong range of Node releases', () => {
  const run = (node: string) => {
    const r = observeCli(['node/http-keepalive-reset', '-n', '2', ...(node === process.versions.node ? [] : ['--node', node])], { CLOSING_TIME_SNIPPETS: copy.dir });
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('✗'));
    return { code: r.code, lines, stderr: r.stderr };
  };
  const expectFailure = (node: string) => {
    const { code, lines, stderr } = run(node);
    // What observe said goes with each failure: once, with both cores busy, the line below was missing.
    expect(code, stderr).toBe(1);
    const guarded = semver.satisfies(node, turned);
    // Line 13: the second request. Either side of the change, the claim checked is the wrong one.
    const claim = guarded ? `claims linux guarded: response 200 new (guarded = ${turned})` : 'claims linux: error ECONNRESET reused';
    const observed = guarded ? 'observed error ECONNRESET reused' : 'observed response 200 new';
    // The file is named from the working folder: the copy lives outside the checkout.
    const line = lines.find((l) => l.startsWith(`✗ node/http-keepalive-reset on Node ${node} (`) && l.includes('snippets/node/http-keepalive-reset.ts:13) '));
    expect(line?.replace(/\(.*snippets\//, '(snippets/'), stderr).toBe(
      `✗ node/http-keepalive-reset on Node ${node} (snippets/node/http-keepalive-reset.ts:13) await get(server.url, agent): ${claim}, ${observed}`,
    );
  };
  it(`fails on this Node (${process.versions.node}), naming it`, () => expectFailure(process.versions.node));
  const other = ['24.21.0', '24.22.3'].find((v) => v !== process.versions.node && cachedNode(v));
  it.runIf(other !== undefined)(`fails on Node ${other ?? '(none cached)'} too, naming it`, () => expectFailure(other!));
  it('the cache holds a release on the other side of the change under CI', () => {
    if (process.env.CI === 'true') expect(other, 'npm run build -- --node tested puts the tested releases in the cache').toBeDefined();
  });
});
