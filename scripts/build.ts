// npm run build: observe on this kernel (the observations the site shows), then astro build,
// holding the checkout's build lock throughout (a second build waits for it). Ctrl-C or TERM
// stops the step running, releases the lock, and exits 130 / 143.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPaths } from '../observe/build-paths.ts';
import { acquireLock } from './build-lock.ts';
import { SOURCES_STAMP, sourcesFingerprint } from './sources.ts';

const root = join(import.meta.dirname, '..');
// CLOSING_TIME_BUILD_DIR: build into that folder instead of site/generated/ and dist/.
const out = buildPaths(root);
const steps = [
  [process.execPath, join(root, 'observe/cli.ts'), '--quiet', '--out', out.observations],
  [join(root, 'node_modules/.bin/astro'), 'build'],
];
// Taken before anything is built: an edit made during the build makes the site older than its sources.
const sources = sourcesFingerprint(root);

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

let code = 0;
for (const [command, ...args] of steps) {
  if (stoppedBy) break;
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
if (code === 0 && !stoppedBy) writeFileSync(join(out.dist, SOURCES_STAMP), `${sources}\n`);
lock.release();
process.exit(stoppedBy ? (stoppedBy === 'SIGINT' ? 130 : 143) : code);
