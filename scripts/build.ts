// npm run build: observe on this kernel (the observations the site shows), then astro build into
// a temporary folder that replaces dist/ in one step (renameat2 RENAME_EXCHANGE) only when it is
// complete, all while holding the checkout's build lock (a second build waits for it). SIGINT,
// SIGTERM, SIGHUP or SIGQUIT stops the step running (and everything it started), removes the
// unfinished site, releases the lock, says so in one line and exits 130 / 143 / 129 / 131; dist/
// is then the previous complete site. Killed outright (SIGKILL), the build takes its steps with
// it (scripts/die-with-parent.ts), the kernel drops its lock, and the next build removes the
// unfinished folders.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from './build-lock.ts';
import { exchangePaths } from '../snippets/lab/libc.ts';
import { SIGNAL_EXIT } from '../observe/signals.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
// Beside dist/, on the same file system, so it can take dist/'s place in one rename.
const TEMP_PREFIX = '.tmp-dist-';
const next = join(root, `${TEMP_PREFIX}${process.pid}`);
const preload = ['--import', join(root, 'scripts/die-with-parent.ts')];
const steps = [
  { what: 'observing', command: [process.execPath, ...preload, join(root, 'observe/cli.ts'), '--quiet', '--out', join(root, 'site/generated/observations.json')], deathSignal: 'SIGTERM' },
  { what: 'building the site', command: [process.execPath, ...preload, join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', next], deathSignal: 'SIGKILL' },
];


let stoppedBy: NodeJS.Signals | undefined;
let running: { child: ReturnType<typeof spawn>; what: string } | undefined;
let lock: { release: () => void } | undefined;

/** Removes unfinished sites: this build's, and those of builds killed before they could (we hold the lock). */
function removeUnfinished(): void {
  for (const name of readdirSync(root)) if (name.startsWith(TEMP_PREFIX)) rmSync(join(root, name), { recursive: true, force: true });
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
    try {
      process.kill(-running.child.pid!, sig);
    } catch {
      // already gone
    }
    const { child } = running;
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
removeUnfinished();

let code = 0;
for (const step of steps) {
  const [command, ...args] = step.command;
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    detached: true, // a group of its own, ended whole
    env: { ...process.env, CLOSING_TIME_PARENT_DEATH_SIGNAL: step.deathSignal, CLOSING_TIME_PARENT_PID: String(process.pid) },
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
  // The new site takes dist/'s place in one step; the old one is then at the temporary path.
  if (!existsSync(dist)) renameSync(next, dist);
  else if (!exchangePaths(next, dist)) {
    rmSync(dist, { recursive: true, force: true });
    renameSync(next, dist);
  }
}
removeUnfinished();
lock.release();
process.exit(code);
