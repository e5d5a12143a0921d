// The whole build (observe, then astro) stopped from outside at several moments, in a copy of the
// project with a catalogue of two scenarios (test/helpers/mini-project.ts: the checkout's dist/ is
// never touched, and each build costs seconds): SIGHUP, SIGQUIT or SIGTERM leaves the
// previous complete dist/ and observations, one line, exit 128 + the signal's number, the lock
// released, and no process of the build still running; SIGKILL leaves the previous dist/ too, its
// steps die with it, and the next build removes what it left.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stackLines, until } from '../helpers/faults.ts';
import { processesOf } from '../helpers/leftovers.ts';
import { miniProject } from '../helpers/mini-project.ts';

// A quick scenario, and a slow one whose runs each wait a second: observing lasts long enough to be stopped.
const mini = miniProject(['tcp/peer-closed-then-read', 'tcp/linger-timeout'], { prefix: 'closing-time-build-copy-' });
const copy = mini.dir;
const lock = join(copy, 'build.lock');
const env = { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, CLOSING_TIME_ASTRO_CACHE: join(copy, '.astro-cache') };

/** Every file under dist/ with its inode, size and time: equal only if nothing there changed. */
function distState(): string[] {
  const dist = join(copy, 'dist');
  return (readdirSync(dist, { recursive: true }) as string[]).map((f) => {
    const s = statSync(join(dist, f));
    return `${f} ${s.ino} ${s.size} ${s.mtimeMs}`;
  }).sort();
}

/** Processes whose command line names the copy: its build steps and their workers. */
function processesOfCopy(): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(copy);
    } catch {
      return false;
    }
  }).map(Number);
}

/** The pid of the copy's observe step, once it runs. */
const observePid = () => processesOfCopy().find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('observe/cli.ts'));

function startBuild() {
  const child = spawn(process.execPath, [join(copy, 'scripts/build.ts')], { cwd: copy, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done, stderr: () => stderr };
}

let before: string[];
let observations: number;
beforeAll(async () => {
  const first = await startBuild().done;
  if (first.code !== 0) throw new Error(`the first build of the copy failed: ${first.stderr}`);
  before = distState();
  observations = statSync(join(copy, 'site/generated/observations.json')).mtimeMs;
}, 180_000);
afterAll(() => mini.remove());

/** What every stop must leave: the previous site and observations, no lock, no process, no unfinished folder. */
async function expectUntouched() {
  await until('every process of the build to end', () => processesOfCopy().length === 0, 5000);
  expect(distState()).toEqual(before);
  expect(statSync(join(copy, 'site/generated/observations.json')).mtimeMs).toBe(observations);
  expect(existsSync(lock)).toBe(false);
  expect(readdirSync(copy).filter((f) => f.startsWith('.tmp-dist-'))).toEqual([]);
}

const EXIT = { SIGHUP: 129, SIGQUIT: 131, SIGTERM: 143 } as const;

it.each(['SIGHUP', 'SIGQUIT'] as const)('%s to the build while it observes: observe says so in one line, its workers end, nothing is written', async (signal) => {
  const build = startBuild();
  let observe: number | undefined;
  await until('observe and its workers to run', () => (observe = observePid()) !== undefined && processesOf(observe).length > 0, 30_000);
  build.child.kill(signal);
  const end = await build.done;
  expect(end.code, end.stderr).toBe(EXIT[signal]);
  expect(end.stderr.trim().split('\n'), end.stderr).toEqual([expect.stringMatching(new RegExp(`^interrupted by ${signal} (while observing [a-z0-9/, -]+|before any scenario ran); nothing was written$`))]);
  expect(processesOf(observe!)).toEqual([]);
  await expectUntouched();
}, 60_000);

it.each(['SIGTERM', 'SIGHUP'] as const)('%s to the build while Astro writes the site: the previous dist/ stays whole, one line', async (signal) => {
  const build = startBuild();
  await until('astro to write the new site', () => readdirSync(copy).some((f) => f.startsWith('.tmp-dist-') && readdirSync(join(copy, f)).length > 0), 60_000);
  build.child.kill(signal);
  const end = await build.done;
  expect(end.code, end.stderr).toBe(EXIT[signal]);
  expect(end.stderr.split('\n').filter((l) => l.startsWith('build ')), end.stderr).toEqual([`build interrupted by ${signal} while building the site; dist/ and the observations are as they were`]);
  expect(stackLines(end.stderr)).toEqual([]);
  // Astro had written the new observations' site; the observations themselves were renamed in whole before.
  observations = statSync(join(copy, 'site/generated/observations.json')).mtimeMs;
  await expectUntouched();
}, 90_000);

it('SIGKILL to the build while Astro writes the site: dist/ is the previous one, Astro dies with it, the next build completes and removes what was left', async () => {
  const build = startBuild();
  await until('astro to write the new site', () => readdirSync(copy).some((f) => f.startsWith('.tmp-dist-') && readdirSync(join(copy, f)).length > 0), 60_000);
  build.child.kill('SIGKILL');
  await build.done;
  await until('its steps to die with it', () => processesOfCopy().length === 0, 5000);
  expect(distState()).toEqual(before);
  const next = await startBuild().done;
  expect(next.code, next.stderr).toBe(0);
  expect(readdirSync(copy).filter((f) => f.startsWith('.tmp-dist-'))).toEqual([]);
  // A complete site: every page there was (its search index and bundles have hashed names of their own).
  const pages = (state: string[]) => state.map((f) => f.split(' ')[0]).filter((f) => f.endsWith('.html'));
  expect(pages(distState())).toEqual(pages(before));
  expect(existsSync(lock)).toBe(false);
}, 180_000);
