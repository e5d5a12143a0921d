// node scripts/node-watch.ts: is there a Node release newer than the tested ones, and does it
// change an outcome? For the newest published release of each tested line (and of any newer line),
// observes the Node.js lens on it and compares every call with the newest tested release of its
// line, as this build observed it (site/generated/). A change is one line naming the release, the
// scenario, the line and both outcomes. Exits 0 whatever it finds (the tested set is what a commit
// claims; moving it is a maintainer's decision), 1 when it could not look.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { releaseChanges, TESTED_RELEASES } from '../observe/node-releases.ts';
import { parseObservations, type Observations } from '../observe/schema.ts';

const root = join(import.meta.dirname, '..');
const generated = join(root, 'site/generated');

/** What this build observed on `version`, or undefined when it did not observe that release. */
function observedOn(version: string): Observations | undefined {
  for (const file of [join(generated, 'observations.json'), join(generated, 'releases', `${version}.json`)]) {
    if (!existsSync(file)) continue;
    const o = parseObservations(readFileSync(file, 'utf8'), file);
    if (o.provenance.node === `v${version}`) return o;
  }
  return undefined;
}

let published: string[];
try {
  published = JSON.parse(execFileSync('npm', ['view', `node-${process.platform}-${process.arch}`, 'versions', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
} catch (e) {
  console.error(`node-watch: cannot ask the npm registry for Node releases (${(e as Error).message.split('\n')[0]})`);
  process.exit(1);
}
const tested = TESTED_RELEASES.map((r) => r.version);
const lines = [...new Set(tested.map((v) => semver.major(v)))];
const newestTested = (line: number) => tested.filter((v) => semver.major(v) === line).sort(semver.rcompare)[0];
const newer = new Map<string, string>(); // candidate → the tested release it is compared with
for (const line of lines) {
  const top = published.filter((v) => semver.valid(v) && semver.major(v) === line && !semver.prerelease(v)).sort(semver.rcompare)[0];
  if (top && semver.gt(top, newestTested(line))) newer.set(top, newestTested(line));
}
// A newer even (long-term) line than any tested one, compared with the newest tested release.
const lastLine = Math.max(...lines);
const nextLines = published.filter((v) => semver.valid(v) && !semver.prerelease(v) && semver.major(v) > lastLine && semver.major(v) % 2 === 0);
for (const line of new Set(nextLines.map((v) => semver.major(v)))) {
  newer.set(nextLines.filter((v) => semver.major(v) === line).sort(semver.rcompare)[0], newestTested(lastLine));
}

if (!newer.size) {
  console.log(`node-watch: no Node release newer than the tested ones (${lines.map(newestTested).join(', ')})`);
  process.exit(0);
}
for (const [candidate, against] of newer) {
  const base = observedOn(against);
  if (!base) {
    console.log(`node-watch: Node ${candidate} is newer than the tested ${against}, which this build did not observe (npm run build -- --node tested observes it)`);
    continue;
  }
  const run = spawnSync(process.execPath, [join(root, 'observe/cli.ts'), '--node', candidate, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!run.stdout.trim()) {
    console.log(`node-watch: ✗ Node ${candidate} could not be observed: ${run.stderr.trim().split('\n').pop()}`);
    continue;
  }
  const found = releaseChanges(base, JSON.parse(run.stdout) as Observations, against, candidate);
  if (!found.length) console.log(`node-watch: ✓ Node ${candidate} (newer than the tested ${against}) gives the same results on all ${base.scenarios.filter((s) => s.id.startsWith('node/')).length} node/* scenarios`);
  for (const line of found) console.log(`node-watch: ✗ ${line}`);
  if (found.length) console.log(`node-watch: add ${candidate} to TESTED_RELEASES in observe/node-releases.ts and key the changed claims to a range (README: "Node releases")`);
}
