// npm run build [-- --node tested|X.Y.Z,…]: observe on this kernel (the observations the site
// shows), then the Node.js lens again on each other Node release asked for, then astro build into
// a temporary folder that replaces dist/ in one step (renameat2 RENAME_EXCHANGE) only when it is
// complete, all while holding the checkout's build lock (a second build waits for it). SIGINT,
// SIGTERM, SIGHUP or SIGQUIT stops the step running (and everything it started), removes the
// unfinished site, releases the lock, says so in one line and exits 130 / 143 / 129 / 131; dist/
// is then the previous complete site. Killed outright (SIGKILL), the build takes its steps with
// it (scripts/die-with-parent.ts), the kernel drops its lock, and the next build removes the
// unfinished folders.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPaths } from '../observe/build-paths.ts';
import { isTested, parseReleaseList, TESTED_RELEASES } from '../observe/node-releases.ts';
import { acquireLock } from './build-lock.ts';
import { exchangePaths } from '../snippets/lab/libc.ts';
import { SIGNAL_EXIT } from '../observe/signals.ts';
import { SOURCES_STAMP, sourcesFingerprint } from './sources.ts';
import { compileCacheEnv } from '../observe/compile-cache.ts';

const root = join(import.meta.dirname, '..');
// CLOSING_TIME_BUILD_DIR: build into that folder instead of site/generated/ and dist/.
const out = buildPaths(root);
const dist = out.dist;
// Beside dist/, on the same file system, so it can take dist/'s place in one rename.
const TEMP_PREFIX = '.tmp-dist-';
const next = join(dirname(dist), `${TEMP_PREFIX}${process.pid}`);
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
const preload = ['--import', join(root, 'scripts/die-with-parent.ts')];
const observeCli = [process.execPath, ...preload, join(root, 'observe/cli.ts'), '--quiet'];
const steps = [
  { what: 'observing', command: [...observeCli, '--out', out.observations], deathSignal: 'SIGTERM' },
  ...releases.map((v) => ({ what: 'observing', command: [...observeCli, '--node', v, '--out', join(nextReleasesDir, `${v}.json`)], deathSignal: 'SIGTERM' })),
  { what: 'releases', command: [], deathSignal: '' },
  { what: 'building the site', command: [process.execPath, ...preload, join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', next], deathSignal: 'SIGKILL' },
];
// Taken before anything is built: an edit made during the build makes the site older than its sources.
const sources = sourcesFingerprint(root);

/** Puts the releases just observed in place of the previous build's. */
function swapReleases(): void {
  rmSync(releasesDir, { recursive: true, force: true });
  if (existsSync(nextReleasesDir)) renameSync(nextReleasesDir, releasesDir);
}

let stoppedBy: NodeJS.Signals | undefined;
let running: { child: ReturnType<typeof spawn>; what: string } | undefined;
let lock: { release: () => void } | undefined;

/** Removes unfinished work: this build's, and that of builds killed before they could (we hold the lock). */
function removeUnfinished(): void {
  const beside = dirname(dist);
  if (existsSync(beside)) for (const name of readdirSync(beside)) if (name.startsWith(TEMP_PREFIX)) rmSync(join(beside, name), { recursive: true, force: true });
  rmSync(nextReleasesDir, { recursive: true, force: true });
}

/** Ends the build after a signal: one line (observe says its own), nothing half-made left, the lock released. */
function stop(sig: NodeJS.Signals, during: string): never {
  if (lock) removeUnfinished(); // without the lock, they may be another build's
  lock?.release();
  if (during !== 'observing') console.error(`build interrupted by ${sig} while ${during}; dist/ and the observations are as they were`);
  process.exit(SIGNAL_EXIT[sig]);
}

for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
  process.on(sig, () => {
    if (!running) stop(sig, lock ? 'between steps' : 'waiting for the lock');
    if (stoppedBy) return;
    stoppedBy = sig;
    // From a terminal the step has the signal already; from `kill PID` it has not. Its whole group:
    // astro's esbuild, say. SIGKILL if it has not ended within 10 s.
    const { child } = running;
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 10_000).unref();
  });
}

// CLOSING_TIME_BUILD_WAIT: how long to wait for another build, in ms (0: fail at once).
const waitText = process.env.CLOSING_TIME_BUILD_WAIT;
if (waitText !== undefined && !/^\d+$/.test(waitText)) {
  console.error(`✗ CLOSING_TIME_BUILD_WAIT takes a whole number of milliseconds (0: do not wait), not '${waitText}'`);
  process.exit(2);
}
try {
  lock = await acquireLock(undefined, waitText === undefined ? undefined : Number(waitText), (line) => console.error(`… ${line}`));
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
removeUnfinished();
if (releases.length) {
  mkdirSync(nextReleasesDir, { recursive: true });
  console.error(`… observing the Node.js lens on Node ${releases.join(', ')} as well as this Node (${process.versions.node})`);
}
let code = 0;
for (const step of steps) {
  if (step.what === 'releases') {
    swapReleases();
    continue;
  }
  const [command, ...args] = step.command;
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    detached: true, // a group of its own, ended whole
    env: { ...process.env, ...compileCacheEnv(), CLOSING_TIME_PARENT_DEATH_SIGNAL: step.deathSignal, CLOSING_TIME_PARENT_PID: String(process.pid) },
  });
  running = { child, what: step.what };
  code = await new Promise<number>((resolve) => {
    child.on('error', (e) => {
      console.error(`✗ ${command}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
      resolve(1);
    });
    child.on('close', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  // Whatever it started and left behind goes with it.
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // none left
  }
  running = undefined;
  if (stoppedBy) stop(stoppedBy, step.what);
  if (code !== 0) break;
}
if (code === 0) {
  writeFileSync(join(next, SOURCES_STAMP), `${sources}\n`);
  // The new site takes dist/'s place in one step; the old one is then at the temporary path.
  mkdirSync(dirname(dist), { recursive: true });
  if (!existsSync(dist)) renameSync(next, dist);
  else if (!exchangePaths(next, dist)) {
    rmSync(dist, { recursive: true, force: true });
    renameSync(next, dist);
  }
}
removeUnfinished();
lock.release();
process.exit(code);
