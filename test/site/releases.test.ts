// The Node.js lens on several Node releases, as the built site shows it: where this build observed
// a node/* scenario on other releases with other results, its block has one column per group of
// releases, each holding exactly what that group's releases returned; where it observed none of a
// range's releases, the block says so instead of showing anything as observed.
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { loadBuiltObservations, loadBuiltReleases } from '../helpers/built-site.ts';
import { attr, findAll, hasClass, textOf } from '../helpers/html.ts';
import { scenarioBlocks } from '../helpers/pages.ts';
import { releaseGroups } from '../../site/answer/releases.ts';

const observed = loadBuiltObservations();
const releases = loadBuiltReleases();
const nodeBlocks = scenarioBlocks().filter((b) => b.id.startsWith('node/'));

describe('Node releases on the built pages', () => {
  it.each(nodeBlocks.map((b) => [`${b.page} #${b.id}`, b] as const))('%s: one column per group of releases, with their results', (_, b) => {
    const groups = releaseGroups(b.id, observed, releases);
    const shown = findAll(b.el, (e) => hasClass(e, 'release-value'));
    const others = groups.length > 1 ? groups.filter((g) => !g.own) : [];
    expect(new Set(shown.map((e) => attr(e, 'data-release'))), `${b.id}: release columns`).toEqual(new Set(others.map((g) => `release:${g.versions.join(',')}`)));
    for (const g of others) {
      const values = shown.filter((e) => attr(e, 'data-release') === `release:${g.versions.join(',')}`).map((e) => attr(e, 'data-observed'));
      expect(values, `${b.id} on Node ${g.versions.join(', ')}`).toEqual(g.record.calls.map((c) => String(c.result)));
    }
    const also = groups.flatMap((g) => g.versions).filter((v) => `v${v}` !== observed.provenance.node).sort(semver.compare);
    if (also.length) expect(textOf(b.el)).toContain(`Also observed in this build, on the same kernel, on Node ${also.join(', ')}.`);
    else expect(textOf(b.el)).not.toContain('Also observed in this build');
  });

  it('the keep-alive race shows both outcomes when both kinds of release were observed, and says which range was not observed otherwise', () => {
    const b = nodeBlocks.find((x) => x.id === 'node/http-keepalive-reset')!;
    const groups = releaseGroups(b.id, observed, releases);
    const text = textOf(b.el);
    expect(text).toContain('http: ensure agent data guard works without I/O');
    if (groups.length > 1) {
      expect(groups.map((g) => g.record.calls[2].result).sort()).toEqual(['error ECONNRESET reused', 'response 200 new']);
    } else {
      expect(text).toMatch(/No release in it was observed on this build|No Node release outside .* was observed on this build/);
    }
  });
});
