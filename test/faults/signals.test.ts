// Stopping observe from outside, at several moments: each time it prints one line saying what it
// stopped, exits 130 (SIGINT) or 143 (SIGTERM), and leaves no namespace, nft table, process or
// temporary file of its run. Stopped by SIGKILL it cannot clean up: the next run does.
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  blockedInPoll,
  canNamespace,
  leftovers,
  NOTHING,
  stackLines,
  observeRunsOfThisFile,
  until,
  type Run,
} from '../helpers/faults.ts';
import { namespacesOf, processesOf } from '../helpers/leftovers.ts';
import { SIGNAL_EXIT } from '../../observe/signals.ts';

const DEAD_PEERS = ['tcp/user-timeout', 'tcp/keepalive-timeout'];
const start = observeRunsOfThisFile();

/** The run ended by `signal` as promised: one line, the exit code, nothing left. */
async function expectStopped(run: Run, signal: keyof typeof SIGNAL_EXIT, what: RegExp) {
  const end = await run.done;
  expect(end.code, end.stderr).toBe(SIGNAL_EXIT[signal]);
  expect(end.stderr.trim().split('\n'), end.stderr).toEqual([expect.stringMatching(new RegExp(`^interrupted by ${signal} ${what.source}; nothing was written$`))]);
  expect(stackLines(end.stdout + end.stderr)).toEqual([]);
  expect(leftovers(run)).toEqual(NOTHING);
}

it('SIGINT to the process group as soon as the first worker runs', async () => {
  const run = start(['-q', 'tcp', 'unix-stream']);
  await until('a worker', () => processesOf(run.pid).length > 0);
  process.kill(-run.pid, 'SIGINT');
  await expectStopped(run, 'SIGINT', /(while observing [a-z0-9/, -]+|before any scenario ran)/);
});

it('SIGINT to the process group while a scenario is stuck in a call', async () => {
  const run = start(['-q', '--timeout', '600000', '--snippets', 'test/fixtures/snippets', 'fixture/hangs']);
  await until('its worker to block in poll()', () => processesOf(run.pid).some(blockedInPoll));
  process.kill(-run.pid, 'SIGINT');
  await expectStopped(run, 'SIGINT', /while observing fixture\/hangs/);
});

it.runIf(canNamespace)('SIGINT to the process group during the dead-peer scenarios, with their namespaces up', async () => {
  const run = start(['-q', ...DEAD_PEERS]);
  await until('a namespace of this run', () => namespacesOf(run.pid).length > 0);
  process.kill(-run.pid, 'SIGINT');
  await expectStopped(run, 'SIGINT', /while observing [a-z/, -]*tcp\/[a-z-]+-timeout[a-z/, -]*/);
});

it.runIf(canNamespace)('SIGTERM to observe alone during the dead-peer scenarios: one line, no EPIPE from its workers', async () => {
  const run = start(['-q', ...DEAD_PEERS]);
  await until('a namespace of this run', () => namespacesOf(run.pid).length > 0);
  process.kill(run.pid, 'SIGTERM');
  await expectStopped(run, 'SIGTERM', /while observing [a-z/, -]*tcp\/[a-z-]+-timeout[a-z/, -]*/);
});

it.each(['SIGHUP', 'SIGQUIT'] as const)('%s (the terminal closed, or Ctrl-\\) to observe alone while a scenario is stuck in a namespace: one line, nothing left', async (signal) => {
  const run = start(['-q', '--timeout', '600000', '--snippets', 'test/fixtures/snippets', canNamespace ? 'faults/blocks-in-namespace' : 'fixture/hangs']);
  await until('its worker to block in poll()', () => processesOf(run.pid).some(blockedInPoll));
  if (canNamespace) expect(namespacesOf(run.pid)).toHaveLength(1);
  process.kill(run.pid, signal);
  await expectStopped(run, signal, /while observing (faults\/blocks-in-namespace|fixture\/hangs)/);
});

it.runIf(canNamespace)('SIGKILL leaves namespaces behind, with no process; the next run removes them before it starts', async () => {
  // Killed while its worker is stuck inside a namespace, so one is up at the kill: the dead-peer
  // scenarios make and remove one per run, and were once killed between two (npm test, idle).
  const first = start(['-q', '--timeout', '600000', '--snippets', 'test/fixtures/snippets', 'faults/blocks-in-namespace']);
  await until('its worker to block in poll()', () => processesOf(first.pid).some(blockedInPoll));
  expect(namespacesOf(first.pid)).toHaveLength(1);
  process.kill(-first.pid, 'SIGKILL');
  await first.done;
  // Its workers die with it (PR_SET_PDEATHSIG), a moment later.
  await until('its workers to die with it', () => processesOf(first.pid).length === 0, 5000);
  const left = { namespaces: namespacesOf(first.pid), files: readdirSync(first.tmp) };
  // The next run, with the same TMPDIR.
  const next = start(['-q', '-n', '1', '--snippets', 'test/fixtures/snippets', 'fixture/fine'], { TMPDIR: first.tmp });
  const end = await next.done;
  expect(end.code, end.stderr).toBe(0);
  expect({ namespaces: left.namespaces.length > 0, files: left.files.length > 0 }).toEqual({ namespaces: true, files: true });
  expect(leftovers(first)).toEqual(NOTHING);
});

// One snippet run on its own (observe/snippet.ts) runs in that process: stopped, it still removes
// what the run made, and says so in one line.
const FIXTURE = 'test/fixtures/snippets';
const standalone = canNamespace ? `${FIXTURE}/faults/blocks-in-namespace.ts` : `${FIXTURE}/fixture/hangs.ts`;

it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const)('%s to a snippet run on its own, blocked in poll()', async (signal) => {
  const run = start([standalone], { CLOSING_TIME_SNIPPETS: FIXTURE }, 'observe/snippet.ts');
  await until('it to block in poll()', () => blockedInPoll(run.pid));
  if (canNamespace) expect(namespacesOf(run.pid)).toHaveLength(1);
  process.kill(run.pid, signal);
  const end = await run.done;
  expect(end.code, end.stderr).toBe(SIGNAL_EXIT[signal]);
  expect(end.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^\\S+: interrupted by ${signal}; what the run had made is removed, and no claim was checked$`))]);
  expect(end.stdout).toBe('');
  expect(leftovers(run)).toEqual(NOTHING);
});

it('SIGINT to the process group while the Python and Ruby programs run: one line naming them, nothing left', async () => {
  const run = start(['-q', 'python', 'ruby']);
  await until('a program of this run', () => processesOf(run.pid).length > 0);
  process.kill(-run.pid, 'SIGINT');
  await expectStopped(run, 'SIGINT', /while observing (python|ruby)\/[a-z0-9/, -]+/);
});
