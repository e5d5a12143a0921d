// npm run build [-- --node tested|X.Y.Z,…]: observe on this kernel (the observations the site
// shows), then the Node.js lens again on each other Node release asked for, then astro build,
// holding the checkout's build lock throughout (a second build waits for it). Ctrl-C or TERM
// stops the step running, releases the lock, and exits 130 / 143.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPaths } from '../observe/build-paths.ts';
import { isTested, parseReleaseList, TESTED_RELEASES } from '../observe/node-releases.ts';
import { acquireLock } from './build-lock.ts';
import { SOURCES_STAMP, sourcesFingerprint } from './sources.ts';

const root = join(import.meta.dirname, '..');
// CLOSING_TIME_BUILD_DIR: build into that folder instead of site/generated/ and dist/.
const out = buildPaths(root);
// Other releases' observations: made in releases.next/, which replaces releases/ only once all were
// observed, so the site never shows a release this build did not observe.
const releasesDir = out.releases;
const nextReleasesDir = `${releasesDir}.next`;

let releases: string[] = [];
try {
  const { values } = parseArgs({ options: { node: { type: 'string' } } });
  if (values.node !== undefined) releases = parseReleaseList(values.node).filter((v) => v !== process.versions.node);
} catch (e) {
  console.error(`✗ ${(e as Error).message}\nusage: npm run build [-- --node tested|X.Y.Z,…]`);
  process.exit(2);
}
const steps = [
  [process.execPath, join(root, 'observe/cli.ts'), '--quiet', '--out', out.observations],
  ...releases.map((v) => [process.execPath, join(root, 'observe/cli.ts'), '--quiet', '--node', v, '--out', join(nextReleasesDir, `${v}.json`)]),
  ['releases'],
  [join(root, 'node_modules/.bin/astro'), 'build'],
];
// Taken before anything is built: an edit made during the build makes the site older than its sources.
const sources = sourcesFingerprint(root);

/** Puts the releases just observed in place of the previous build's. */
function swapReleases(): void {
  rmSync(releasesDir, { recursive: true, force: true });
  if (existsSync(nextReleasesDir)) renameSync(nextReleasesDir, releasesDir);
}

let stoppedBy: NodeJS.Signals | undefined;
let running: ReturnType<typeof spawn> | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (!running) process.exit(sig === 'SIGINT' ? 130 : 143); // still waiting for the lock: nothing to stop
    stoppedBy ??= sig;
    running.kill(sig); // from a terminal it has the signal already; from `kill PID` it has not
  });
}

// CLOSING_TIME_BUILD_WAIT: how long to wait for another build, in ms (0: fail at once).
const waitMs = process.env.CLOSING_TIME_BUILD_WAIT ? Number(process.env.CLOSING_TIME_BUILD_WAIT) : undefined;
let lock;
try {
  lock = await acquireLock(undefined, waitMs, (line) => console.error(`… ${line}`));
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(1);
}

if (!isTested(process.versions.node)) {
  console.error(
    `… Node ${process.versions.node} is not a tested release (${TESTED_RELEASES.map((r) => r.version).join(', ')}): the build checks every claim on it all the same; ` +
      `a Node.js claim it contradicts may be a change in this release (README: "Node releases")`,
  );
}
rmSync(nextReleasesDir, { recursive: true, force: true });
if (releases.length) {
  mkdirSync(nextReleasesDir, { recursive: true });
  console.error(`… observing the Node.js lens on Node ${releases.join(', ')} as well as this Node (${process.versions.node})`);
}
let code = 0;
for (const [command, ...args] of steps) {
  if (stoppedBy) break;
  if (command === 'releases') {
    swapReleases();
    continue;
  }
  running = spawn(command, args, { cwd: root, stdio: 'inherit' });
  code = await new Promise<number>((resolve) => {
    running!.on('error', (e) => {
      console.error(`✗ ${command}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
      resolve(1);
    });
    running!.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  if (code !== 0) break;
}
rmSync(nextReleasesDir, { recursive: true, force: true });
if (code === 0 && !stoppedBy) writeFileSync(join(out.dist, SOURCES_STAMP), `${sources}\n`);
lock.release();
process.exit(stoppedBy ? (stoppedBy === 'SIGINT' ? 130 : 143) : code);
