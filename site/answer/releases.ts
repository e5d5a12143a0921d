// Where the Node.js release changes an answer: the releases this build observed a scenario on,
// grouped by identical results, for the blocks and the matrix to show side by side. Only what
// this build observed: a release it did not run is never shown as observed.
import semver from 'semver';
import { resultText } from '../../observe/format.ts';
import type { Observations, ScenarioRecord } from '../../observe/schema.ts';

/** Node releases on which a scenario gave the same results, call for call. */
export interface ReleaseGroup {
  /** Versions without the `v`, oldest first. */
  versions: string[];
  /** The record of the oldest release in the group. */
  record: ScenarioRecord;
  /** Whether this build's own Node release is in the group (its record is then this build's own). */
  own: boolean;
}

/** The Node release an observation was made on, without the `v`. */
export function nodeVersion(o: Observations): string {
  return o.provenance.node.replace(/^v/, '');
}

/** What must match for two releases to share a group: each call's line, code and result. */
function resultsKey(record: ScenarioRecord): string {
  return JSON.stringify(record.calls.map((c) => [c.line, c.code, resultText(c)]));
}

/** Every release this build observed `id` on (its own first among equals), grouped by identical results; empty when it was skipped. */
export function releaseGroups(id: string, observed: Observations, releases: Observations[]): ReleaseGroup[] {
  const own = nodeVersion(observed);
  const seen = [observed, ...releases.filter((r) => nodeVersion(r) !== own)]
    .map((o) => ({ version: nodeVersion(o), record: o.scenarios.find((s) => s.id === id && !s.skipped) }))
    .filter((x): x is { version: string; record: ScenarioRecord } => x.record !== undefined)
    .sort((x, y) => semver.compare(x.version, y.version));
  const groups = new Map<string, ReleaseGroup>();
  for (const { version, record } of seen) {
    const key = resultsKey(record);
    const group = groups.get(key);
    if (!group) groups.set(key, { versions: [version], record, own: version === own });
    else {
      group.versions.push(version);
      if (version === own) Object.assign(group, { own: true, record });
    }
  }
  return [...groups.values()];
}

/** A group's name as a reader reads it: `Node 22.19.0, 22.23.3, 24.21.0`. */
export function releaseLabel(versions: string[]): string {
  return `Node ${versions.join(', ')}`;
}

/** What a block says under its table about Node ranges: what changed, and which ranges this build did not observe. */
export function rangeNotes(record: ScenarioRecord, groups: ReleaseGroup[]): string[] {
  const observedVersions = groups.flatMap((g) => g.versions);
  const ranges = Object.values(record.nodeRanges ?? {});
  const outside = observedVersions.filter((v) => !ranges.some((r) => semver.satisfies(v, r.range)));
  const plain =
    ranges.length && !outside.length
      ? [`No Node release outside ${ranges.map((r) => r.range).join(' and ')} was observed on this build, so the claims for the other releases are not checked here (npm run observe -- --node <release> shows them).`]
      : [];
  return plain.concat(Object.entries(record.nodeRanges ?? {}).map(([label, { range, why }]) => {
    const seen = observedVersions.filter((v) => semver.satisfies(v, range));
    const where = seen.length
      ? `observed on this build on ${releaseLabel(seen)}`
      : `no release in it was observed on this build, so the claims keyed '${label}' are not checked here (npm run observe -- --node <release> shows them)`;
    return `Node ${range} ('${label}'): ${why}. ${where[0].toUpperCase()}${where.slice(1)}.`;
  }));
}
