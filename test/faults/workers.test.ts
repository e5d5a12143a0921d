// Scenarios that break their worker (exit, get killed, throw anything anywhere, leave a server or
// an interval running, write to the observer's channel, do not parse): each fails alone, with its
// name, the reason and the snippet line; every other scenario is still observed and the summary
// printed; nothing is left behind.
import { expect, it } from 'vitest';
import {
  blockedInPoll,
  canNamespace,
  leftovers,
  NOTHING,
  stackLines,
  observeRunsOfThisFile,
  until,
} from '../helpers/faults.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';
import { BOOTING_AT_ONCE, runWorkers } from '../../observe/worker-pool.ts';
import { namespacesOf, processesOf } from '../helpers/leftovers.ts';
import { makerOf } from '../../snippets/lab/namespaces.ts';

const F = 'test/fixtures/snippets/faults';
const start = observeRunsOfThisFile();

it('every kind of worker death fails only its own scenario, named, with its reason and line', async () => {
  const run = start(['--json', '-n', '3', '-j', '4', '--timeout', '4000', '--snippets', 'test/fixtures/snippets', 'faults', 'fixture/fine']);
  const end = await run.done;
  expect(end.code).toBe(1);
  const failures = end.stderr.split('\n').filter((l) => l.startsWith('✗ ')).sort();
  const ns = canNamespace
    ? [
        `✗ faults/blocks-in-namespace: stopped after 4000 ms without progress in repetition 1, at line 5: a.poll(60000)`,
        `✗ faults/exits-after-namespace: called process.exit(3) at ${F}/exits-after-namespace.ts:6:9 (repetition 1)`,
        `✗ faults/kills-itself: its worker died (killed by SIGKILL) in repetition 1, after line 5: a.read() returned`,
      ]
    : [];
  expect(failures).toEqual(
    [
      ...ns,
      `✗ faults/hangs-after-call: stopped after 4000 ms without progress in repetition 1, after line 5: a.read() returned`,
      `✗ faults/hangs-with-grandchild: stopped after 4000 ms without progress in repetition 1, after line 8: a.read() returned`,
      `✗ faults/leaves-child: left 3 process(es) running after its runs: sleep ×3 (killed)`,
      `✗ faults/leaves-setsid-child: left 3 process(es) running after its runs: sleep ×3 (killed)`,
      `✗ faults/leaves-interval: stopped after 4000 ms without progress in repetition 1: it finished, but left open a timer (setTimeout or setInterval)`,
      `✗ faults/leaves-server-open: stopped after 4000 ms without progress in repetition 1: it finished, but left open a listening server (TCPServerWrap)`,
      `✗ faults/syntax-error: Expected ',', got ';' at ${F}/syntax-error.ts:5:9 (repetition 1)`,
      `✗ faults/throws-42: threw 42 at ${F}/throws-42.ts:6:8 (repetition 1)`,
      `✗ faults/throws-in-timer: too late at ${F}/throws-in-timer.ts:7:3 (repetition 1)`,
      `✗ faults/writes-to-fd3: ${F}/writes-to-fd3.ts wrote to fd 3, the observer's channel: "garbage"`,
    ].sort(),
  );
  // The scenario beside them is observed in full, and the summary is printed.
  const observed = JSON.parse(end.stdout);
  expect(observed.scenarios.map((s: { id: string }) => s.id)).toEqual(canNamespace ? ['fixture/fine'] : ['faults/blocks-in-namespace', 'faults/exits-after-namespace', 'faults/kills-itself', 'fixture/fine']);
  expect(end.stderr).toMatch(/^observed \d+ of 14 scenario\(s\) × 3 on linux/m);
  expect(stackLines(end.stderr)).toEqual([]);
  expect(leftovers(run)).toEqual(NOTHING);
});

it.runIf(canNamespace)('a worker killed from outside inside a namespace: its scenario fails, its namespace is removed, the others are observed', async () => {
  const run = start(['-q', '-n', '2', '--timeout', '60000', '--snippets', 'test/fixtures/snippets', 'faults/blocks-in-namespace', 'fixture/fine']);
  await until('the namespace', () => namespacesOf(run.pid).length > 0);
  const worker = makerOf(namespacesOf(run.pid)[0])!;
  await until('the worker to block in poll()', () => blockedInPoll(worker));
  process.kill(worker, 'SIGKILL');
  const end = await run.done;
  expect(end.code).toBe(1);
  expect(end.stderr).toContain('✗ faults/blocks-in-namespace: its worker died (killed by SIGKILL) in repetition 1, at line 5: a.poll(60000)');
  expect(end.stderr).toMatch(/^observed 1 of 2 scenario\(s\)/m);
  expect(stackLines(end.stderr)).toEqual([]);
  expect(leftovers(run)).toEqual(NOTHING);
});

it('a run slower than the timeout goes on while its calls return; one that never ends is stopped at 4 × the timeout, naming its step', async () => {
  const run = start(['--json', '-n', '1', '-j', '2', '--timeout', '2000', '--snippets', 'test/fixtures/snippets', 'pace']);
  const end = await run.done;
  expect(end.code).toBe(1);
  expect(end.stderr.split('\n').filter((l) => l.startsWith('✗ '))).toEqual([
    expect.stringMatching(/^✗ pace\/never-ends: stopped after 8000 ms, the most a run may take \(4 × the timeout\), in repetition 1, (at|after) line 5: for \(;;\) a\.poll\(300\)( returned)?$/),
  ]);
  // 10 calls of 300 ms: past the timeout, and never 2000 ms without progress.
  const going = JSON.parse(end.stdout).scenarios.find((s: { id: string }) => s.id === 'pace/slow-but-going');
  expect(going.calls.map((c: { line: number }) => c.line)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  expect(stackLines(end.stderr)).toEqual([]);
  expect(leftovers(run)).toEqual(NOTHING);
});

it(`starts at most BOOTING_AT_ONCE (${BOOTING_AT_ONCE}) workers at a time, the rest as those become ready, and runs every job`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'closing-time-pool-'));
  try {
    const log = join(dir, 'starts.log');
    process.env.SLOW_START_LOG = log;
    const jobs = Array.from({ length: 8 }, (_, i) => ({ id: `pool/job-${i}`, file: join(dir, `job-${i}.ts`), repetitions: 1 }));
    const finished: string[] = [];
    const failed: string[] = [];
    const worker = join(projectRoot, 'test/fixtures/pool/slow-starting-worker.sh');
    await runWorkers(jobs, 8, 10_000, dir, undefined, (e) => finished.push('done' in e ? e.done.id : e.skipped.id), (id, why) => failed.push(`${id}: ${why}`), worker);
    expect(failed).toEqual([]);
    expect(finished.sort()).toEqual(jobs.map((j) => j.id).sort());
    // Each worker's start, from its first line to its ready line: at no moment more than BOOTING_AT_ONCE.
    const events = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([what, , ns]) => ({ at: BigInt(ns), delta: what === 'begin' ? 1 : -1 }));
    events.sort((x, y) => (x.at === y.at ? x.delta - y.delta : x.at < y.at ? -1 : 1));
    let starting = 0;
    let most = 0;
    for (const e of events) most = Math.max(most, (starting += e.delta));
    expect(events.length).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(BOOTING_AT_ONCE);
  } finally {
    delete process.env.SLOW_START_LOG;
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The worker processes of an observe run alive now. */
const workersOf = (pid: number) => processesOf(pid).filter((p) => {
  try {
    return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('observe/worker.ts');
  } catch {
    return false;
  }
});

it.each([1, 2])('--jobs %i bounds the worker processes alive at once, slow runs included', async (jobs) => {
  const run = start(['-q', '-n', '4', '--jobs', String(jobs), '--snippets', 'test/fixtures/snippets', 'bounds/slow', 'fixture/fine']);
  let most = 0;
  let ended = false;
  void run.done.then(() => (ended = true));
  await until('the run to end', () => {
    most = Math.max(most, workersOf(run.pid).length);
    return ended;
  });
  const end = await run.done;
  expect(end.code, end.stderr).toBe(0);
  // 4 slow runs of 150 ms each, one worker apiece when allowed: more than `jobs` would be seen at once.
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(jobs);
});

it('a snippet that writes well-formed events to the observer\'s channel fails itself alone: no crash, no escaped timeout, no other scenario failed', async () => {
  const run = start(['--json', '-n', '2', '--timeout', '1500', '--snippets', 'test/fixtures/snippets', 'channel', 'fixture/fine']);
  const end = await run.done;
  expect(end.code).toBe(1);
  const C = 'test/fixtures/snippets/channel';
  const event = (o: object) => JSON.stringify(JSON.stringify(o).slice(0, 60));
  expect(end.stderr.split('\n').filter((l) => l.startsWith('✗ ')).sort()).toEqual([
    `✗ channel/spoofs-error: ${C}/spoofs-error.ts wrote to fd 3, the observer's channel: ${event({ error: { id: 'fixture/fine', message: 'spoofed' } })}`,
    `✗ channel/spoofs-loading: ${C}/spoofs-loading.ts wrote to fd 3, the observer's channel: ${event({ loading: { id: 'channel/spoofs-loading' } })}`,
    `✗ channel/spoofs-start: ${C}/spoofs-start.ts wrote to fd 3, the observer's channel: ${event({ start: { id: 'channel/spoofs-start', rep: 1 } })}`,
    `✗ channel/spoofs-unknown-id: ${C}/spoofs-unknown-id.ts wrote to fd 3, the observer's channel: ${event({ done: { id: 'nope/none', traces: [] } })}`,
  ]);
  expect(JSON.parse(end.stdout).scenarios.map((s: { id: string }) => s.id)).toEqual(['fixture/fine']);
  expect(stackLines(end.stderr)).toEqual([]);
  expect(leftovers(run)).toEqual(NOTHING);
});
