// Two builds in one checkout: the second waits for the first's lock (one line saying so), or fails
// in one line when told not to wait; a lock whose holder is gone (killed, its pid since reused, its
// file empty or holding anything at all) is taken over; racing waiters never hold it together;
// Ctrl-C releases it. Each test uses a lock file of its own, so a real build running beside the
// tests is not held up.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { acquireLock } from '../../scripts/build-lock.ts';
import { tryLockExclusive } from '../../snippets/lab/libc.ts';
import { stackLines, until } from '../helpers/faults.ts';
import { scratchDir } from '../helpers/scratch.ts';

const dir = scratchDir('.tmp-lock-', projectRoot);
const BUILD = join(projectRoot, 'scripts/build.ts');

/** A lock held by this process, as a running build holds it. */
async function heldLock(name: string): Promise<{ lock: string; line: string; release: () => void }> {
  const lock = join(dir(), name);
  const { release } = await acquireLock(lock, 0);
  const { since } = JSON.parse(readFileSync(lock, 'utf8'));
  return { lock, line: `another build is running in this checkout (pid ${process.pid}, since ${since}); lock: ${lock}`, release };
}

/** A pid no process has now: one that just ended. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

it.runIf(process.platform === 'linux')('a second build told not to wait fails at once, in one line, and leaves the first one\'s lock', async () => {
  const { lock, line, release } = await heldLock('held.lock');
  try {
    const started = performance.now();
    const r = spawnSync(process.execPath, [BUILD], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, CLOSING_TIME_BUILD_WAIT: '0' } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`✗ ${line}`);
    expect(existsSync(lock)).toBe(true);
  } finally {
    release();
  }
});

it.runIf(process.platform === 'linux')('a second build waits for the first, saying so once; Ctrl-C while waiting leaves the lock alone', async () => {
  const { lock, line, release } = await heldLock('wait.lock');
  try {
    const build = spawn(process.execPath, [BUILD], { cwd: projectRoot, env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock } });
    let stderr = '';
    build.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => build.on('close', resolve));
    await until('the waiting line', () => stderr.includes('waiting for it to end'));
    build.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr.trim().split('\n')).toEqual([
      `… ${line}; waiting for it to end`,
      'build interrupted by SIGINT while waiting for the lock; dist/ and the observations are as they were',
    ]);
    expect(existsSync(lock)).toBe(true);
  } finally {
    release();
  }
});

it('a build told to wait for a time that is not a number fails at once, in one line, exit 2', async () => {
  const { lock, release } = await heldLock('nan.lock');
  try {
    const r = spawnSync(process.execPath, [BUILD], { cwd: projectRoot, encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL', env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, CLOSING_TIME_BUILD_WAIT: 'abc' } });
    expect(r.stderr.trim()).toBe(`✗ CLOSING_TIME_BUILD_WAIT takes a whole number of milliseconds (0: do not wait), not 'abc'`);
    expect(r.status).toBe(2);
  } finally {
    release();
  }
});

it('a lock whose file is still empty, its holder alive and about to write it, is not taken', async () => {
  const lock = join(dir(), 'empty.lock');
  const fd = openSync(lock, 'w'); // created, locked, nothing written yet
  try {
    expect(tryLockExclusive(fd)).toBe(true);
    await expect(acquireLock(lock, 0)).rejects.toThrow(`another build is running in this checkout (its holder has not said who it is yet); lock: ${lock}`);
  } finally {
    closeSync(fd);
  }
});

it.each([
  ['a dead pid', () => JSON.stringify({ pid: deadPid(), start: '1', since: '2026-01-01T00:00:00.000Z' })],
  ['a pid reused by a live process (this one)', () => JSON.stringify({ pid: process.pid, start: '1', since: '2026-01-01T00:00:00.000Z' })],
  ['null', () => 'null'],
  ['nothing', () => ''],
  ['garbage', () => '\u0000{"pid":'],
])('a lock file naming %s, that no process holds, is taken over at once', async (_, text) => {
  const lock = join(dir(), 'left.lock');
  writeFileSync(lock, text());
  const { release } = await acquireLock(lock, 0);
  expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
  release();
  expect(existsSync(lock)).toBe(false);
});

it('20 trials of 6 builds racing for a lock left by a dead one: never two inside at once', { timeout: 600_000 }, async () => {
  const waiter = join(projectRoot, 'test/fixtures/lock/waiter.ts');
  const race = mkdtempSync(join(dir(), 'race-'));
  const trials = 20;
  const dead = deadPid();
  for (let trial = 0; trial < trials; trial++) {
    writeFileSync(join(race, `race-${trial}.lock`), JSON.stringify({ pid: dead, start: '1', since: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(join(race, `race-${trial}.log`), '');
  }
  // Six processes, each through every trial: trial N starts when all six said they are ready for it.
  const codes = Promise.all(
    Array.from({ length: 6 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [waiter, race, String(trials)], { stdio: 'ignore' }).on('close', resolve))),
  );
  let overlaps = 0;
  for (let trial = 0; trial < trials; trial++) {
    const log = join(race, `race-${trial}.log`);
    await until(`the 6 waiters to be ready for trial ${trial}`, () => readFileSync(log, 'utf8').split('r').length === 7);
    writeFileSync(`${log}.go`, '');
  }
  expect(await codes).toEqual([0, 0, 0, 0, 0, 0]);
  for (let trial = 0; trial < trials; trial++) {
    let inside = 0;
    const entries = readFileSync(join(race, `race-${trial}.log`), 'utf8').split('\n').filter((l) => /^[+-]/.test(l));
    expect(entries, `trial ${trial}: each waiter in and out once`).toHaveLength(12);
    for (const entry of entries) {
      inside += entry.startsWith('+') ? 1 : -1;
      if (inside > 1) overlaps++;
    }
  }
  console.log(`lock race: ${trials} trials × 6 waiters with a dead holder, overlaps = ${overlaps}`);
  expect(overlaps).toBe(0);
});

it('a lock left by a build that was killed is taken over; Ctrl-C then stops the build and releases it', async () => {
  const lock = join(dir(), 'stale.lock');
  writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: '1', since: '2026-01-01T00:00:00.000Z' }));
  const build = spawn(process.execPath, [BUILD], { cwd: projectRoot, env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, TMPDIR: dir() } });
  let stderr = '';
  build.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => build.on('close', resolve));
  await until('the lock to change hands', () => existsSync(lock) && readFileSync(lock, 'utf8').includes(`"pid":${build.pid},`));
  build.kill('SIGINT');
  expect(await closed).toBe(130);
  expect(existsSync(lock)).toBe(false);
  expect(stackLines(stderr)).toEqual([]);
});
