// Two builds in one checkout: the second waits for the first's lock (one line saying so), or fails
// in one line when told not to wait; a lock left by a killed build is taken over; Ctrl-C releases
// it. Each test uses a lock file of its own, so a real build running beside the tests is not held up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { stackLines, until } from '../helpers/faults.ts';

const dir = mkdtempSync(join(projectRoot, '.tmp-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BUILD = join(projectRoot, 'scripts/build.ts');

/** This test process's start time, as a live holder of a lock records it. */
function myStart(): string {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** A lock file held by a running process (this one). */
function heldLock(name: string): string {
  const lock = join(dir, name);
  writeFileSync(lock, JSON.stringify({ pid: process.pid, start: myStart(), since: '2026-01-01T00:00:00.000Z' }));
  return lock;
}

it.runIf(process.platform === 'linux')('a second build told not to wait fails at once, in one line, and leaves the first one\'s lock', () => {
  const lock = heldLock('held.lock');
  const started = performance.now();
  const r = spawnSync(process.execPath, [BUILD], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, CLOSING_TIME_BUILD_WAIT: '0' } });
  expect(performance.now() - started).toBeLessThan(5000);
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe(`✗ another build is running in this checkout (pid ${process.pid}, since 2026-01-01T00:00:00.000Z); lock: ${lock}`);
  expect(existsSync(lock)).toBe(true);
});

it.runIf(process.platform === 'linux')('a second build waits for the first, saying so once; Ctrl-C while waiting leaves the lock alone', async () => {
  const lock = heldLock('wait.lock');
  const build = spawn(process.execPath, [BUILD], { cwd: projectRoot, env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock } });
  let stderr = '';
  build.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => build.on('close', resolve));
  await until('the waiting line', () => stderr.includes('waiting for it to end'));
  build.kill('SIGINT');
  expect(await closed).toBe(130);
  expect(stderr.trim().split('\n')).toEqual([`… another build is running in this checkout (pid ${process.pid}, since 2026-01-01T00:00:00.000Z); lock: ${lock}; waiting for it to end`]);
  expect(existsSync(lock)).toBe(true);
});

it('a lock left by a build that was killed is taken over; Ctrl-C then stops the build and releases it', async () => {
  const lock = join(dir, 'stale.lock');
  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout.trim()), start: '1', since: '2026-01-01T00:00:00.000Z' }));
  const build = spawn(process.execPath, [BUILD], { cwd: projectRoot, env: { ...process.env, CLOSING_TIME_BUILD_LOCK: lock, TMPDIR: dir } });
  let stderr = '';
  build.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => build.on('close', resolve));
  await until('the lock to change hands', () => existsSync(lock) && readFileSync(lock, 'utf8').includes(`"pid":${build.pid},`));
  build.kill('SIGINT');
  expect(await closed).toBe(130);
  expect(existsSync(lock)).toBe(false);
  expect(stackLines(stderr)).toEqual([]);
});
